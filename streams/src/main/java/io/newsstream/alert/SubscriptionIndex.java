package io.newsstream.alert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The active subscriptions, indexed so that matching one article costs work in proportion to the article's words
 * and the few subscriptions that could match — not a pass over every subscription. Each query's
 * {@link Query#requirements() requirements} (alternatives of words that must all occur) are indexed word by word;
 * matching counts, for each distinct word of the article, the alternatives it satisfies, and verifies only the
 * subscriptions with a complete alternative (the counting algorithm of boolean publish/subscribe). Field filters
 * count as words ({@code topic:cartels}); queries without any requirement (only NOT terms) are always verified.
 *
 * <p>Built once, then read-only: safe to share between threads once published (see {@link SubscriptionRegistry}).
 */
public final class SubscriptionIndex {

    /** A subscription that matched an article, with the words and phrases that made it match. */
    public record Hit(String subscriptionId, List<String> matched) {
    }

    private final List<String> ids = new ArrayList<>();
    private final List<Query> queries = new ArrayList<>();
    /** For each alternative, the subscription it belongs to and how many distinct words it needs. */
    private final List<int[]> alternatives = new ArrayList<>();
    private final Map<String, List<Integer>> alternativesByWord = new HashMap<>();
    private final List<Integer> alwaysVerified = new ArrayList<>();

    /** Adds a subscription (ids are unique: the registry builds a fresh index from its current subscriptions). */
    public void put(String id, Query query) {
        int subscription = ids.size();
        ids.add(id);
        queries.add(query);
        List<Set<String>> requirements = query.requirements();
        if (requirements.stream().anyMatch(Set::isEmpty)) {
            alwaysVerified.add(subscription);
            return;
        }
        for (Set<String> words : requirements) {
            int alternative = alternatives.size();
            alternatives.add(new int[] {subscription, words.size()});
            for (String word : words) {
                alternativesByWord.computeIfAbsent(word, w -> new ArrayList<>()).add(alternative);
            }
        }
    }

    public int size() {
        return ids.size();
    }

    /** Every subscription the article matches, in subscription id order. */
    public List<Hit> match(AlertDocument doc) {
        boolean[] candidate = new boolean[ids.size()];
        List<Integer> candidates = new ArrayList<>();
        for (int s : alwaysVerified) {
            candidate[s] = true;
            candidates.add(s);
        }
        int[] found = new int[alternatives.size()];
        List<String> fields = doc.fieldKeys();
        for (Iterable<String> words : List.<Iterable<String>>of(doc.distinctWords(), fields)) {
            for (String word : words) {
                List<Integer> satisfied = alternativesByWord.get(word);
                if (satisfied == null) {
                    continue;
                }
                for (int a : satisfied) {
                    int[] alternative = alternatives.get(a);
                    if (++found[a] == alternative[1] && !candidate[alternative[0]]) {
                        candidate[alternative[0]] = true;
                        candidates.add(alternative[0]);
                    }
                }
            }
        }
        List<Hit> hits = new ArrayList<>();
        for (int s : candidates) {
            List<String> matched = new ArrayList<>();
            if (queries.get(s).matches(doc, matched)) {
                hits.add(new Hit(ids.get(s), List.copyOf(matched)));
            }
        }
        hits.sort(Comparator.comparing(Hit::subscriptionId));
        return hits;
    }
}
