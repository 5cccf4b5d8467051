package io.newsstream.classify;

import io.newsstream.normalize.CanonicalTokens;
import io.newsstream.normalize.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds whole-word occurrences of many phrases in a token sequence. A phrase is written as text
 * ("drug cartel", "U.S. Border Patrol") and canonicalised like the article; a trailing {@code *} on its
 * last word matches any word starting with it ("smuggl*" finds smuggler, smuggling, smuggled).
 *
 * @param <T> what each phrase stands for (a weighted term, a veto)
 */
final class PhraseIndex<T> {

    private record Entry<T>(String[] words, boolean prefixLast, T value) {
    }

    /** One occurrence: the value of the phrase and the token range it covers. */
    record Hit<T>(T value, int firstToken, int lastToken) {
    }

    /** Prefix entries ("smuggl*") are found through their first {@value #PREFIX_KEY} letters: one lookup per token. */
    private static final int PREFIX_KEY = 3;

    private final Map<String, List<Entry<T>>> byFirstWord = new HashMap<>();
    private final TreeMap<Long, List<Entry<T>>> byPrefixStart = new TreeMap<>();
    /**
     * {@link #byPrefixStart} as parallel arrays, searched with the token's first letters packed into a long: the
     * lookup for every token of every article then makes no substring and boxes nothing.
     */
    private long[] prefixKeys = new long[0];
    private List<List<Entry<T>>> prefixGroups = List.of();
    private final List<Entry<T>> shortPrefixes = new ArrayList<>();

    void add(String phrase, T value) {
        boolean prefix = phrase.strip().endsWith("*");
        List<String> words = CanonicalTokens.of(prefix ? phrase.strip().replaceAll("\\*$", "") : phrase);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("phrase has no words: '" + phrase + "'");
        }
        Entry<T> entry = new Entry<>(words.toArray(String[]::new), prefix, value);
        if (prefix && words.size() == 1) {
            String first = words.get(0);
            if (first.length() < PREFIX_KEY) {
                shortPrefixes.add(entry);
            } else {
                byPrefixStart.computeIfAbsent(prefixKey(first), k -> new ArrayList<>()).add(entry);
                prefixKeys = byPrefixStart.keySet().stream().mapToLong(Long::longValue).toArray();
                prefixGroups = List.copyOf(byPrefixStart.values());
            }
        } else {
            byFirstWord.computeIfAbsent(words.get(0), k -> new ArrayList<>()).add(entry);
        }
    }

    List<Hit<T>> find(List<Token> tokens) {
        List<Hit<T>> hits = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String word = tokens.get(i).text();
            List<Entry<T>> candidates = byFirstWord.get(word);
            if (candidates != null) {
                for (Entry<T> e : candidates) {
                    if (matchesAt(e, tokens, i)) {
                        hits.add(new Hit<>(e.value(), i, i + e.words().length - 1));
                    }
                }
            }
            if (word.length() >= PREFIX_KEY && prefixKeys.length > 0) {
                int group = Arrays.binarySearch(prefixKeys, prefixKey(word));
                addPrefixHits(group < 0 ? null : prefixGroups.get(group), word, i, hits);
            }
            addPrefixHits(shortPrefixes, word, i, hits);
        }
        return hits;
    }

    /** The first {@value #PREFIX_KEY} characters of a word (at least that long), 16 bits each. */
    private static long prefixKey(String word) {
        long key = 0;
        for (int k = 0; k < PREFIX_KEY; k++) {
            key = key << Character.SIZE | word.charAt(k);
        }
        return key;
    }

    private void addPrefixHits(List<Entry<T>> entries, String word, int position, List<Hit<T>> hits) {
        if (entries == null) {
            return;
        }
        for (Entry<T> e : entries) {
            if (word.startsWith(e.words()[0])) {
                hits.add(new Hit<>(e.value(), position, position));
            }
        }
    }

    private static boolean matchesAt(Entry<?> e, List<Token> tokens, int start) {
        String[] words = e.words();
        if (start + words.length > tokens.size()) {
            return false;
        }
        for (int k = 1; k < words.length; k++) {
            String token = tokens.get(start + k).text();
            boolean last = k == words.length - 1;
            if (last && e.prefixLast() ? !token.startsWith(words[k]) : !token.equals(words[k])) {
                return false;
            }
        }
        return true;
    }
}
