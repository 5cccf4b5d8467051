package io.newsstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.schema.RawArticle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic ~3 KB articles for benchmarks, assembled from the paragraphs of the sample articles shipped in the
 * application (shuffled with a fixed seed), so every stage sees realistic vocabulary and topic mixes.
 */
public final class BenchArticles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLES = "/io/newsstream/samples/";

    private BenchArticles() {
    }

    /** {@code count} articles of about {@code targetBytes} each. */
    public static List<RawArticle> generate(int count, int targetBytes, long seed) {
        List<String> paragraphs = sampleParagraphs();
        Random random = new Random(seed);
        List<RawArticle> articles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder body = new StringBuilder();
            while (body.length() < targetBytes) {
                body.append(paragraphs.get(random.nextInt(paragraphs.size()))).append("\n\n");
            }
            articles.add(RawArticle.newBuilder()
                    .setId("bench-" + i).setOrigin("bench-" + i + ".json").setSource("Bench Wire")
                    .setUrl("https://bench.example/" + i).setTitle("Benchmark story " + i)
                    .setBody(body.toString().strip()).setPublishedAt(Instant.ofEpochSecond(1_780_000_000L + i))
                    .setLanguage("en").setIngestedAt(Instant.ofEpochSecond(1_780_000_000L + i))
                    .build());
        }
        return articles;
    }

    private static List<String> sampleParagraphs() {
        List<String> paragraphs = new ArrayList<>();
        for (String name : read("index.txt").lines().filter(l -> !l.isBlank()).toList()) {
            String text = read(name);
            String body = name.endsWith(".json") ? bodyOf(text) : text.substring(text.indexOf('\n') + 1);
            for (String p : body.split("\n\\s*\n")) {
                if (p.strip().length() > 40) {
                    paragraphs.add(p.strip());
                }
            }
        }
        return paragraphs;
    }

    private static String bodyOf(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node.get("body").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String name) {
        try (InputStream in = BenchArticles.class.getResourceAsStream(SAMPLES + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
