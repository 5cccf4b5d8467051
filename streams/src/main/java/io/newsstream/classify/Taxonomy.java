package io.newsstream.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * @param fingerprint the version plus a content hash: changes whenever any rule changes
 */
public record Taxonomy(String name, String version, List<LabelRule> labels, String fingerprint) {

    private static final String BUILT_IN = "default-taxonomy.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private record File(String name, String version, List<LabelRule> labels) {
    }

    public Taxonomy {
        labels = List.copyOf(labels);
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
        return new Taxonomy(f.name() == null ? where : f.name(), version, f.labels(), version + "+" + contentHash(json));
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
