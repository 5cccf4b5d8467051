package io.newsstream.alert;

import io.newsstream.normalize.CanonicalTokens;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a subscription query is matched against: the article's canonical words (so matching is whole-word,
 * case- and accent-insensitive), its topic labels, its source and its entities.
 */
public record AlertDocument(List<String> words, Set<String> topics, String source, Set<String> entities) {

    public AlertDocument {
        words = List.copyOf(words);
        topics = Set.copyOf(topics);
        entities = entities.stream().map(AlertDocument::canonical).collect(Collectors.toUnmodifiableSet());
        source = source == null ? "" : canonical(source);
    }

    public static AlertDocument of(String text, Set<String> topics, String source, Set<String> entities) {
        return new AlertDocument(CanonicalTokens.of(text), topics, source, entities);
    }

    /** A name as field filters compare it: canonical words joined by single spaces. */
    static String canonical(String name) {
        return String.join(" ", CanonicalTokens.of(name)).toLowerCase(Locale.ROOT);
    }
}
