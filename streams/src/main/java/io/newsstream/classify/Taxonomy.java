package io.newsstream.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.normalize.LanguageTags;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The labels a newsroom classifies into, read from a JSON file (the built-in default ships inside the
 * application). Adding a label is a change to that file, never to code.
 *
 * @param name     a name for people
 * @param version  the taxonomy's own version; with a hash of its content it forms {@link #fingerprint()}
 * @param labels   the label rules, in output order
 * @param languages the languages (ISO 639-1 codes) its rules and model are written for; articles detected in
 *                  another language are left unlabelled. English alone when the file does not say.
 * @param fingerprint the version plus a content hash: changes whenever any rule changes
 */
public record Taxonomy(String name, String version, List<LabelRule> labels, List<String> languages, String fingerprint) {

    private static final String BUILT_IN = "default-taxonomy.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final List<String> DEFAULT_LANGUAGES = List.of("en");

    private record File(String name, String version, List<LabelRule> labels, List<String> languages) {
    }

    public Taxonomy {
        labels = List.copyOf(labels);
        languages = List.copyOf(languages);
        Set<String> seen = new HashSet<>();
        for (LabelRule rule : labels) {
            if (!seen.add(rule.label())) {
                throw new IllegalArgumentException("taxonomy " + name + " defines label " + rule.label() + " twice");
            }
        }
    }

    /** The taxonomy in the given file, or the built-in one when absent. */
    public static Taxonomy load(Optional<Path> file) {
        if (file.isEmpty()) {
            return builtIn();
        }
        try {
            return parse(Files.readAllBytes(file.get()), file.get().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read taxonomy " + file.get() + ": " + e.getMessage(), e);
        }
    }

    public static Taxonomy builtIn() {
        try (InputStream in = Taxonomy.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the built-in taxonomy is missing from the application");
            }
            return parse(in.readAllBytes(), "built-in taxonomy");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Taxonomy parse(byte[] json, String where) {
        File f;
        try {
            f = JSON.readValue(json, File.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid taxonomy in " + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (f.labels() == null || f.labels().isEmpty()) {
            throw new IllegalArgumentException("taxonomy in " + where + " has no labels");
        }
        String version = f.version() == null ? "unversioned" : f.version();
        List<String> languages = f.languages() == null || f.languages().isEmpty() ? DEFAULT_LANGUAGES
                : f.languages().stream().map(l -> languageCode(l, where)).distinct().toList();
        return new Taxonomy(f.name() == null ? where : f.name(), version, f.labels(), languages,
                version + "+" + contentHash(json));
    }

    private static String languageCode(String tag, String where) {
        String code = LanguageTags.primary(tag);
        if (code == null) {
            throw new IllegalArgumentException("taxonomy in " + where + " lists \"" + tag
                    + "\" among its languages: give language codes such as \"en\" or \"es\"");
        }
        return code;
    }

    /** Whether the taxonomy's rules can read an article in this language; an undetected language (null) is read. */
    public boolean covers(String language) {
        return language == null || languages.contains(language);
    }

    public List<String> labelNames() {
        return labels.stream().map(LabelRule::label).toList();
    }

    private static String contentHash(byte[] json) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
