package io.newsstream.enrich;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts words and picks keywords: the content words an article repeats most, headline words counting
 * double. Pure and thread-safe.
 */
public final class Enricher {

    private static final int KEYWORDS = 8;
    private static final int MIN_KEYWORD_LENGTH = 4;
    private static final Set<String> STOPWORDS = Set.of(
            "about", "after", "again", "against", "also", "although", "among", "because", "been", "before", "being",
            "between", "both", "could", "does", "during", "each", "from", "further", "have", "having", "here",
            "into", "itself", "just", "last", "least", "many", "more", "most", "much", "must", "next", "only",
            "other", "over", "said", "same", "says", "should", "since", "some", "such", "than", "that", "their",
            "them", "then", "there", "these", "they", "this", "those", "through", "under", "until", "upon", "very",
            "were", "what", "when", "where", "which", "while", "will", "with", "would", "year", "years", "your",
            "percent", "told", "week", "according", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday", "people", "first", "time", "three", "four", "five", "million", "billion");

    /**
     * @param titleTokens canonical tokens of the headline
     * @param bodyTokens  canonical tokens of the body
     */
    public Enrichment enrich(List<String> titleTokens, List<String> bodyTokens) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Integer> firstSeen = new HashMap<>();
        count(titleTokens, 2, counts, firstSeen);
        count(bodyTokens, 1, counts, firstSeen);
        List<String> keywords = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(e -> firstSeen.get(e.getKey())))
                .limit(KEYWORDS)
                .map(Map.Entry::getKey)
                .toList();
        return new Enrichment(bodyTokens.size(), keywords);
    }

    private static void count(List<String> tokens, int weight, Map<String, Integer> counts, Map<String, Integer> firstSeen) {
        for (String t : tokens) {
            if (t.length() >= MIN_KEYWORD_LENGTH && !STOPWORDS.contains(t) && !isNumber(t)) {
                counts.merge(t, weight, Integer::sum);
                firstSeen.putIfAbsent(t, firstSeen.size());
            }
        }
    }

    private static boolean isNumber(String token) {
        return token.chars().allMatch(Character::isDigit);
    }
}
