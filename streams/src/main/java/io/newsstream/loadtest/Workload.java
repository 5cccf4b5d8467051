package io.newsstream.loadtest;

import io.newsstream.schema.RawArticle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A reproducible stream of ~3 KB news-like articles for benchmarks, in which a share are syndicated copies of
 * earlier ones with realistic edits (new headline, credit and boilerplate, trimmed or reordered paragraphs).
 * Originals are distinct texts: sentences drawn from the vocabulary of the sample articles shipped with the
 * application, with names and figures, so every stage — classification included — does its real work. Pure.
 */
public final class Workload {

    private static final String SAMPLES = "/io/newsstream/samples/";
    private static final Pattern WORD = Pattern.compile("[A-Za-z][a-z]+");
    private static final String[] BOILERPLATE = {
        "Copyright 2026 Bench Wire. All rights reserved.",
        "Sign up for our morning newsletter to get the day's top stories.",
        "Related: More coverage from our national desk"};

    private final Random random;
    private final List<String> vocabulary;
    private final double copyShare;
    private final int targetBytes;
    private final List<RawArticle> originals = new ArrayList<>();
    /** Copy id → the id of the original it copies. */
    private final Map<String, String> originalOf = new HashMap<>();
    private int next;

    /**
     * @param copyShare   share of articles that are syndicated copies of an earlier original (e.g. 0.3)
     * @param targetBytes approximate body size of an original
     */
    public Workload(long seed, double copyShare, int targetBytes) {
        this.random = new Random(seed);
        this.vocabulary = sampleVocabulary();
        this.copyShare = copyShare;
        this.targetBytes = targetBytes;
    }

    /** The next article; ids are {@code bench-0}, {@code bench-1}, ... */
    public RawArticle next(Instant ingestedAt) {
        String id = "bench-" + next++;
        if (!originals.isEmpty() && random.nextDouble() < copyShare) {
            RawArticle original = originals.get(random.nextInt(originals.size()));
            originalOf.put(id, original.getId());
            return copyOf(original, id, ingestedAt);
        }
        RawArticle original = RawArticle.newBuilder()
                .setId(id).setOrigin(id + ".json").setSource("Outlet " + random.nextInt(40))
                .setUrl("https://bench.example/" + id).setTitle(sentence(8).replace(".", ""))
                .setBody(body()).setPublishedAt(ingestedAt).setLanguage("en").setIngestedAt(ingestedAt)
                .build();
        originals.add(original);
        if (originals.size() > 2000) {
            originals.remove(0);
        }
        return original;
    }

    /** The story an article of this workload belongs to: the id of the original it copies, or its own id. */
    public String storyOf(String id) {
        return originalOf.getOrDefault(id, id);
    }

    private RawArticle copyOf(RawArticle original, String id, Instant ingestedAt) {
        List<String> paragraphs = new ArrayList<>(List.of(original.getBody().split("\n\n")));
        switch (random.nextInt(3)) {
            case 0 -> paragraphs.add(BOILERPLATE[random.nextInt(BOILERPLATE.length)]);
            case 1 -> paragraphs.subList(Math.max(2, paragraphs.size() - 2), paragraphs.size()).clear();
            default -> {
                if (paragraphs.size() > 3) {
                    paragraphs.add(1, paragraphs.remove(2));
                }
                paragraphs.add(0, "By Staff and Wire Reports");
            }
        }
        return RawArticle.newBuilder(original)
                .setId(id).setOrigin(id + ".json").setSource("Outlet " + random.nextInt(40))
                .setUrl("https://bench.example/" + id).setTitle(sentence(7).replace(".", ""))
                .setBody(String.join("\n\n", paragraphs)).setPublishedAt(ingestedAt).setIngestedAt(ingestedAt)
                .build();
    }

    private String body() {
        StringBuilder body = new StringBuilder();
        while (body.length() < targetBytes) {
            StringBuilder paragraph = new StringBuilder();
            for (int s = 0; s < 3; s++) {
                paragraph.append(sentence(12 + random.nextInt(12))).append(' ');
            }
            body.append(paragraph.toString().strip()).append("\n\n");
        }
        return body.toString().strip();
    }

    private String sentence(int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String w = vocabulary.get(random.nextInt(vocabulary.size()));
            if (i == 0) {
                w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
            } else if (random.nextInt(12) == 0) {
                w = String.valueOf(random.nextInt(10_000));
            } else if (random.nextInt(15) == 0) {
                w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
            }
            s.append(i == 0 ? "" : " ").append(w);
        }
        return s.append('.').toString();
    }

    /** The distinct words of the sample articles shipped in the application. */
    static List<String> sampleVocabulary() {
        Set<String> words = new LinkedHashSet<>();
        for (String name : read("index.txt").lines().filter(l -> !l.isBlank()).toList()) {
            var m = WORD.matcher(read(name));
            while (m.find()) {
                words.add(m.group().toLowerCase());
            }
        }
        return List.copyOf(words);
    }

    private static String read(String name) {
        try (InputStream in = Workload.class.getResourceAsStream(SAMPLES + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
