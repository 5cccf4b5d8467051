package io.newsstream.enrich;

import io.newsstream.normalize.NormalizedArticle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a reader learns about an article besides its topics: length and reading time, keywords (the content
 * words it repeats most, headline words counting double), the people, organisations and places it names, and
 * its dateline. Pure and thread-safe.
 */
public final class Enricher {

    /** Mean silent reading rate of adults reading English non-fiction (Brysbaert, 2019). */
    private static final int WORDS_PER_MINUTE = 238;
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

    private final EntityExtractor entities = new EntityExtractor();

    /**
     * @param body        the normalised body, which entity offsets refer to
     * @param dateline    the body's dateline, or null
     * @param titleTokens canonical tokens of the headline
     * @param bodyTokens  canonical tokens of the body
     */
    public Enrichment enrich(String body, NormalizedArticle.Dateline dateline, List<String> titleTokens,
                             List<String> bodyTokens) {
        // Sized by the token count, an upper bound on the distinct words, so counting never rehashes.
        Map<String, Counted> byWord = new HashMap<>(bodyTokens.size() + 2 * titleTokens.size());
        List<Counted> firstSeenOrder = new ArrayList<>();
        count(titleTokens, 2, byWord, firstSeenOrder);
        count(bodyTokens, 1, byWord, firstSeenOrder);
        int words = bodyTokens.size();
        int readingTime = (words * 60 + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE;
        // "BREAKING —" and "NATO —" open a body like a dateline, but name no place.
        boolean datelinePlace = dateline != null && entities.isPlaceName(body.substring(0, dateline.placeEnd()));
        List<NamedEntity> named = entities.extract(body, datelinePlace ? dateline.placeEnd() : 0);
        return new Enrichment(words, mostRepeated(firstSeenOrder), readingTime, named,
                datelinePlace ? entities.placeName(dateline.place(), dateline.placeEnd()) : null);
    }

    /** A content word and its weighted count. */
    private static final class Counted {
        private final String word;
        private int count;

        Counted(String word) {
            this.word = word;
        }
    }

    private static void count(List<String> tokens, int weight, Map<String, Counted> byWord, List<Counted> firstSeenOrder) {
        for (String t : tokens) {
            if (t.length() >= MIN_KEYWORD_LENGTH && !STOPWORDS.contains(t) && !isNumber(t)) {
                Counted c = byWord.get(t);
                if (c == null) {
                    c = new Counted(t);
                    byWord.put(t, c);
                    firstSeenOrder.add(c);
                }
                c.count += weight;
            }
        }
    }

    /**
     * The {@value #KEYWORDS} highest counts, ties going to the word seen first. Kept in a small ranked array
     * while the words are read in first-seen order, rather than sorting every word of the article: a word read
     * later ranks after every kept word with at least its count.
     */
    private static List<String> mostRepeated(List<Counted> firstSeenOrder) {
        Counted[] ranked = new Counted[KEYWORDS];
        int size = 0;
        for (Counted c : firstSeenOrder) {
            int at = size;
            while (at > 0 && ranked[at - 1].count < c.count) {
                at--;
            }
            if (at < KEYWORDS) {
                // When the ranking is full, its last word falls off the end.
                System.arraycopy(ranked, at, ranked, at + 1, Math.min(size, KEYWORDS - 1) - at);
                ranked[at] = c;
                size = Math.min(size + 1, KEYWORDS);
            }
        }
        String[] keywords = new String[size];
        for (int i = 0; i < size; i++) {
            keywords[i] = ranked[i].word;
        }
        return List.of(keywords);
    }

    private static boolean isNumber(String token) {
        for (int k = 0; k < token.length(); k++) {
            if (!Character.isDigit(token.charAt(k))) {
                return false;
            }
        }
        return true;
    }
}
