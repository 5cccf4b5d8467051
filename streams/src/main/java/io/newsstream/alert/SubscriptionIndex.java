package io.newsstream.alert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The active subscriptions, indexed so that matching one article costs one lookup per word of the article plus
 * the verification of the few subscriptions that could match — not a pass over every subscription. Each query is
 * indexed under the first word of each of its positive terms; a subscription none of whose terms occur cannot
 * match (queries with only field filters are always verified). Not thread-safe: one per stream task.
 */
public final class SubscriptionIndex {

    /** A subscription that matched an article, with the words and phrases that made it match. */
    public record Hit(String subscriptionId, List<String> matched) {
    }

    private final Map<String, Query> queries = new HashMap<>();
    private final Map<String, Set<String>> byFirstWord = new HashMap<>();
    private final Set<String> alwaysVerified = new HashSet<>();

    /** Adds or replaces a subscription. */
    public void put(String id, Query query) {
        remove(id);
        queries.put(id, query);
        List<List<String>> terms = query.positiveTerms();
        if (terms.isEmpty()) {
            alwaysVerified.add(id);
        }
        for (List<String> term : terms) {
            byFirstWord.computeIfAbsent(term.get(0), w -> new HashSet<>()).add(id);
        }
    }

    public void remove(String id) {
        Query old = queries.remove(id);
        if (old == null) {
            return;
        }
        alwaysVerified.remove(id);
        for (List<String> term : old.positiveTerms()) {
            Set<String> ids = byFirstWord.get(term.get(0));
            if (ids != null) {
                ids.remove(id);
                if (ids.isEmpty()) {
                    byFirstWord.remove(term.get(0));
                }
            }
        }
    }

    public int size() {
        return queries.size();
    }

    /** Every subscription the article matches, by subscription id. */
    public List<Hit> match(AlertDocument doc) {
        Set<String> candidates = new HashSet<>(alwaysVerified);
        for (String word : doc.words()) {
            Set<String> ids = byFirstWord.get(word);
            if (ids != null) {
                candidates.addAll(ids);
            }
        }
        List<Hit> hits = new ArrayList<>();
        for (String id : new TreeSet<>(candidates)) {
            List<String> matched = new ArrayList<>();
            if (queries.get(id).matches(doc, matched)) {
                hits.add(new Hit(id, List.copyOf(matched)));
            }
        }
        return hits;
    }
}
