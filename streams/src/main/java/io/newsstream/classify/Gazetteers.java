package io.newsstream.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Name lists shipped with the application that taxonomy rules refer to as {@code @name}. Each entry is one
 * thing (a country) with its alternative names.
 */
final class Gazetteers {

    private static final Map<String, String> RESOURCES = Map.of("@countries", "countries.txt");

    private Gazetteers() {
    }

    static boolean isReference(String phrase) {
        return phrase.startsWith("@");
    }

    /** The entries of a gazetteer, each a list of alternative names. */
    static List<List<String>> load(String reference) {
        String resource = RESOURCES.get(reference);
        if (resource == null) {
            throw new IllegalArgumentException("unknown gazetteer " + reference + "; known: " + RESOURCES.keySet());
        }
        try (InputStream in = Gazetteers.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> Arrays.stream(l.split("\\|")).map(String::strip).toList())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
