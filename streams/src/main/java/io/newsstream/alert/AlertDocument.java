package io.newsstream.alert;

import io.newsstream.normalize.CanonicalTokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a subscription query is matched against: the article's canonical words (so matching is whole-word,
 * case- and accent-insensitive), its topic labels, its source and its entities. Not thread-safe: one per article
 * and matching thread.
 */
public final class AlertDocument {

    private static final int[] NONE = new int[0];

    private final List<String> words;
    private final Set<String> topics;
    private final String source;
    private final Set<String> entities;
    /**
     * Where each word occurs, built on first use: the subscription index keys the words itself, and only queries it
     * cannot decide on its own read positions by word.
     */
    private Map<String, int[]> positions;

    public AlertDocument(List<String> words, Set<String> topics, String source, Set<String> entities) {
        this.words = List.copyOf(words);
        this.topics = Set.copyOf(topics);
        this.source = source == null ? "" : canonical(source);
        this.entities = entities.stream().map(AlertDocument::canonical).collect(Collectors.toUnmodifiableSet());
    }

    /** The article's canonical words, in order. */
    public List<String> words() {
        return words;
    }

    /** Its topic labels. */
    public Set<String> topics() {
        return topics;
    }

    /** Its source, canonical; empty when unknown. */
    public String source() {
        return source;
    }

    /** Its entities, canonical. */
    public Set<String> entities() {
        return entities;
    }

    /** Where each word occurs: phrases are verified from their first word's occurrences, not by scanning. */
    private static Map<String, int[]> positionsOf(List<String> words) {
        Map<String, int[]> positions = new HashMap<>(words.size() * 2);
        for (int i = 0; i < words.size(); i++) {
            int[] known = positions.get(words.get(i));
            // Slot 0 counts the occurrences; arrays grow by doubling, and are trimmed below.
            if (known == null) {
                positions.put(words.get(i), new int[] {1, i});
            } else {
                if (known[0] + 1 == known.length) {
                    known = Arrays.copyOf(known, known.length * 2);
                    positions.put(words.get(i), known);
                }
                known[++known[0]] = i;
            }
        }
        positions.replaceAll((w, p) -> Arrays.copyOfRange(p, 1, p[0] + 1));
        return positions;
    }

    /** The positions of a word in the document, in order. */
    public int[] positionsOf(String word) {
        if (positions == null) {
            positions = positionsOf(words);
        }
        return positions.getOrDefault(word, NONE);
    }

    /** The document's field values as candidate lookup indexes them: {@code topic:LABEL}, {@code source:NAME}, ... */
    public List<String> fieldKeys() {
        List<String> keys = new ArrayList<>();
        topics.forEach(t -> keys.add("topic:" + t.toLowerCase(Locale.ROOT)));
        if (!source.isEmpty()) {
            keys.add("source:" + source);
        }
        entities.forEach(e -> keys.add("entity:" + e));
        return keys;
    }

    public static AlertDocument of(String text, Set<String> topics, String source, Set<String> entities) {
        return new AlertDocument(CanonicalTokens.of(text), topics, source, entities);
    }

    /** A name as field filters compare it: canonical words joined by single spaces. */
    static String canonical(String name) {
        return String.join(" ", CanonicalTokens.of(name)).toLowerCase(Locale.ROOT);
    }
}
