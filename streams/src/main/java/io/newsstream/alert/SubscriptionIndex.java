package io.newsstream.alert;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The active subscriptions, indexed so that matching one article costs work in proportion to the article's words
 * and the few subscriptions that could match — not a pass over every subscription. Each query's
 * {@link Query#requirements() requirements} (alternatives of keys that must all occur) are indexed key by key;
 * matching counts, for each distinct key of the article, the alternatives it satisfies, and verifies only the
 * subscriptions with a complete alternative (the counting algorithm of boolean publish/subscribe). Keys are words,
 * adjacent word pairs (so a phrase is verified only where its words do stand together) and field filters
 * ({@code topic:cartels}); queries without any requirement (only NOT terms) are always verified.
 *
 * <p>Every key has an int id and the postings are int arrays: an article looks each distinct word up once, and its
 * word pairs are found from the words' ids without building a string per pair. Matching allocates per article only
 * arrays sized by the index, never per posting. Phrase and proximity queries — most subscriptions, and most
 * candidates — are first checked on word ids against the article's positions ({@link WordChecks}), from one flat
 * array, so a candidate costs no string lookups; for these the check is the whole query, and its terms are known.
 * Boolean queries of words and field filters ({@code a AND b NOT c topic:x}) are decided on the keys the article
 * was seen to hold ({@link KeyQuery}); only queries that mix phrases or proximity into AND/OR/NOT are verified on
 * the article itself.
 *
 * <p>Built once, then read-only: safe to share between threads once published (see {@link SubscriptionRegistry}).
 */
public final class SubscriptionIndex {

    /** A subscription that matched an article, with the words and phrases that made it match. */
    public record Hit(String subscriptionId, List<String> matched) {
    }

    private static final int[] NO_INTS = new int[0];

    private final List<String> ids = new ArrayList<>();
    private final List<Query> queries = new ArrayList<>();
    private final List<Integer> alwaysVerified = new ArrayList<>();
    private final WordChecks wordChecks = new WordChecks();
    /** Per subscription with a word check, the terms a match reports (null for the others). */
    private final List<List<String>> checkedTerms = new ArrayList<>();
    /** Per subscription without a word check, its query decided on keys if it can be (null for the others). */
    private final List<KeyQuery> keyQueries = new ArrayList<>();

    /** Word and field keys by text; pair keys live in {@link #pairSeconds}. */
    private final Map<String, Integer> keyIds = new HashMap<>();
    private int keys;
    /** For each key, the alternatives that need it (first {@code postingCounts[key]} entries used). */
    private int[][] postings = new int[64][];
    private int[] postingCounts = new int[64];
    /** For each word key, the second words of the required pairs it begins, ascending, and those pairs' keys. */
    private int[][] pairSeconds = new int[64][];
    private int[][] pairKeys = new int[64][];

    /** For each alternative, its subscription and how many distinct keys it needs. */
    private int alternatives;
    private int[] alternativeSubscription = new int[64];
    private int[] alternativeSize = new int[64];

    /** Adds a subscription (ids are unique: the registry builds a fresh index from its current subscriptions). */
    public void put(String id, Query query) {
        int subscription = ids.size();
        ids.add(id);
        queries.add(query);
        addWordCheck(query);
        keyQueries.add(checkedTerms.get(subscription) == null ? keyQuery(query) : null);
        List<Set<String>> requirements = query.requirements();
        if (requirements.stream().anyMatch(Set::isEmpty)) {
            alwaysVerified.add(subscription);
            return;
        }
        for (Set<String> required : requirements) {
            int alternative = addAlternative(subscription, required.size());
            for (String key : required) {
                addPosting(keyOf(key), alternative);
            }
        }
    }

    public int size() {
        return ids.size();
    }

    /** Every subscription the article matches, in subscription id order. */
    public List<Hit> match(AlertDocument doc) {
        Matching matching = new Matching();
        alwaysVerified.forEach(matching::candidate);
        // The key of every token, from which the word pairs are found; each key counts once.
        List<String> words = doc.words();
        int[] tokenKeys = new int[words.size()];
        for (int i = 0; i < tokenKeys.length; i++) {
            Integer key = keyIds.get(words.get(i));
            tokenKeys[i] = key == null ? -1 : key;
            if (key != null) {
                matching.found(key);
            }
        }
        KeyPositions positions = new KeyPositions(keys, tokenKeys);
        for (int i = 1; i < tokenKeys.length; i++) {
            int pair = pairKey(tokenKeys[i - 1], tokenKeys[i]);
            if (pair >= 0) {
                matching.found(pair);
            }
        }
        for (String field : doc.fieldKeys()) {
            Integer key = keyIds.get(field);
            if (key != null) {
                matching.found(key);
            }
        }
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < matching.candidateCount; i++) {
            int s = matching.candidates[i];
            WordChecks.Outcome checked = wordChecks.check(s, positions);
            if (checked == WordChecks.Outcome.FAILS) {
                continue;
            }
            if (checked == WordChecks.Outcome.MATCHES) {
                hits.add(new Hit(ids.get(s), checkedTerms.get(s)));
                continue;
            }
            List<String> matched = new ArrayList<>();
            KeyQuery decided = keyQueries.get(s);
            if (decided != null ? decided.matches(matching.seen, doc, matched) : queries.get(s).matches(doc, matched)) {
                hits.add(new Hit(ids.get(s), List.copyOf(matched)));
            }
        }
        hits.sort(Comparator.comparing(Hit::subscriptionId));
        return hits;
    }

    /** One article's counts: keys seen, keys found per alternative, subscriptions to verify. */
    private final class Matching {
        private final boolean[] seen = new boolean[keys];
        private final int[] found = new int[alternatives];
        private final boolean[] isCandidate = new boolean[ids.size()];
        private int[] candidates = new int[16];
        private int candidateCount;

        /** A key occurs in the article: count it once for every alternative that needs it. */
        void found(int key) {
            if (seen[key]) {
                return;
            }
            seen[key] = true;
            int[] needing = postings[key];
            for (int p = 0; p < postingCounts[key]; p++) {
                int alternative = needing[p];
                if (++found[alternative] == alternativeSize[alternative]) {
                    candidate(alternativeSubscription[alternative]);
                }
            }
        }

        void candidate(int subscription) {
            if (isCandidate[subscription]) {
                return;
            }
            isCandidate[subscription] = true;
            if (candidateCount == candidates.length) {
                candidates = Arrays.copyOf(candidates, candidateCount * 2);
            }
            candidates[candidateCount++] = subscription;
        }
    }

    /**
     * Records the subscription's word check: for a phrase or proximity query (exactly what {@link Query.Phrase} and
     * {@link Query.Near} match, on word ids), else none.
     */
    private void addWordCheck(Query query) {
        if (query instanceof Query.Phrase phrase) {
            wordChecks.add(wordKeys(phrase), NO_INTS, 0);
            checkedTerms.add(List.of(String.join(" ", phrase.words())));
        } else if (query instanceof Query.Near near) {
            wordChecks.add(wordKeys(near.left()), wordKeys(near.right()), near.distance());
            checkedTerms.add(List.of(String.join(" ", near.left().words()), String.join(" ", near.right().words())));
        } else {
            wordChecks.addNone();
            checkedTerms.add(null);
        }
    }

    /**
     * The query on key ids when it holds no phrase of several words and no proximity (words, field filters, AND,
     * OR, NOT: the boolean subscriptions), else null.
     */
    private KeyQuery keyQuery(Query query) {
        if (query instanceof Query.Phrase phrase) {
            return phrase.words().size() == 1 ? new KeyQuery.Word(wordKey(phrase.words().get(0)), phrase.words().get(0)) : null;
        }
        if (query instanceof Query.Field field) {
            return new KeyQuery.FieldFilter(field);
        }
        if (query instanceof Query.Not not) {
            KeyQuery inner = keyQuery(not.inner());
            return inner == null ? null : new KeyQuery.None(inner);
        }
        if (query instanceof Query.And and) {
            KeyQuery left = keyQuery(and.left());
            KeyQuery right = left == null ? null : keyQuery(and.right());
            return right == null ? null : new KeyQuery.Both(left, right);
        }
        if (query instanceof Query.Or or) {
            KeyQuery left = keyQuery(or.left());
            KeyQuery right = left == null ? null : keyQuery(or.right());
            return right == null ? null : new KeyQuery.Either(left, right);
        }
        return null;
    }

    /**
     * A boolean query decided on the article's keys: a word occurs exactly when its key was seen, so no word
     * positions are built. Each kind mirrors {@link Query#matches} — the same result, the same matched terms.
     */
    private sealed interface KeyQuery {

        boolean matches(boolean[] seen, AlertDocument doc, List<String> matched);

        record Word(int key, String word) implements KeyQuery {
            @Override
            public boolean matches(boolean[] seen, AlertDocument doc, List<String> matched) {
                if (seen[key]) {
                    matched.add(word);
                }
                return seen[key];
            }
        }

        /** Field filters are set lookups already: the query's own check. */
        record FieldFilter(Query.Field field) implements KeyQuery {
            @Override
            public boolean matches(boolean[] seen, AlertDocument doc, List<String> matched) {
                return field.matches(doc, matched);
            }
        }

        record Both(KeyQuery left, KeyQuery right) implements KeyQuery {
            @Override
            public boolean matches(boolean[] seen, AlertDocument doc, List<String> matched) {
                List<String> found = new ArrayList<>();
                if (left.matches(seen, doc, found) && right.matches(seen, doc, found)) {
                    matched.addAll(found);
                    return true;
                }
                return false;
            }
        }

        record Either(KeyQuery left, KeyQuery right) implements KeyQuery {
            @Override
            public boolean matches(boolean[] seen, AlertDocument doc, List<String> matched) {
                boolean l = left.matches(seen, doc, matched);
                boolean r = right.matches(seen, doc, matched);
                return l || r;
            }
        }

        record None(KeyQuery inner) implements KeyQuery {
            @Override
            public boolean matches(boolean[] seen, AlertDocument doc, List<String> matched) {
                return !inner.matches(seen, doc, new ArrayList<>());
            }
        }
    }

    private int[] wordKeys(Query.Phrase phrase) {
        return phrase.words().stream().mapToInt(this::wordKey).toArray();
    }

    /**
     * Phrase and proximity queries on word key ids: the phrase occurs, or both sides occur near each other. All
     * checks live in one int array — {@code [left length, right length (0: a phrase), distance, left keys...,
     * right keys...]} at the subscription's offset — so a candidate costs one memory access to its check, not a
     * walk through the query's objects and strings.
     */
    private static final class WordChecks {

        /** A check either decides the match, or there is none and the query must be verified. */
        enum Outcome { MATCHES, FAILS, NO_CHECK }

        private int[] offsets = new int[64];
        private int[] data = new int[256];
        private int subscriptions;
        private int size;

        void add(int[] left, int[] right, int distance) {
            ensure(3 + left.length + right.length);
            int at = size;
            data[size++] = left.length;
            data[size++] = right.length;
            data[size++] = distance;
            System.arraycopy(left, 0, data, size, left.length);
            size += left.length;
            System.arraycopy(right, 0, data, size, right.length);
            size += right.length;
            offsets[subscriptions++] = at;
        }

        void addNone() {
            ensure(0);
            offsets[subscriptions++] = -1;
        }

        private void ensure(int more) {
            if (subscriptions == offsets.length) {
                offsets = Arrays.copyOf(offsets, subscriptions * 2);
            }
            if (size + more > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + more));
            }
        }

        Outcome check(int subscription, KeyPositions positions) {
            int at = offsets[subscription];
            if (at < 0) {
                return Outcome.NO_CHECK;
            }
            return passes(at, positions) ? Outcome.MATCHES : Outcome.FAILS;
        }

        private boolean passes(int at, KeyPositions positions) {
            int leftLength = data[at];
            int rightLength = data[at + 1];
            int[] lefts = starts(at + 3, leftLength, positions);
            if (rightLength == 0) {
                return lefts.length > 0;
            }
            int[] rights = starts(at + 3 + leftLength, rightLength, positions);
            return Proximity.within(lefts, leftLength, rights, rightLength, data[at + 2]);
        }

        /** Where the phrase of {@code length} keys stored at {@code from} starts in the article, ascending. */
        private int[] starts(int from, int length, KeyPositions positions) {
            int[] firsts = positions.of(data[from]);
            if (length == 1) {
                return firsts;
            }
            int[] tokenKeys = positions.tokenKeys;
            int[] found = new int[firsts.length];
            int n = 0;
            for (int start : firsts) {
                int k = 1;
                while (k < length && start + k < tokenKeys.length && tokenKeys[start + k] == data[from + k]) {
                    k++;
                }
                if (k == length) {
                    found[n++] = start;
                }
            }
            return Arrays.copyOf(found, n);
        }
    }

    /**
     * Where each key occurs in one article, from its tokens' keys: per key its last position, per position the
     * previous one with the same key — built in one pass, read only for the keys a check asks about.
     */
    private static final class KeyPositions {
        private final int[] tokenKeys;
        /** Per key, its last position + 1 (0: absent). */
        private final int[] lastPlusOne;
        /** Per position, the previous position of the same key + 1 (0: none). */
        private final int[] previousPlusOne;

        KeyPositions(int keys, int[] tokenKeys) {
            this.tokenKeys = tokenKeys;
            this.lastPlusOne = new int[keys];
            this.previousPlusOne = new int[tokenKeys.length];
            for (int i = 0; i < tokenKeys.length; i++) {
                int key = tokenKeys[i];
                if (key >= 0) {
                    previousPlusOne[i] = lastPlusOne[key];
                    lastPlusOne[key] = i + 1;
                }
            }
        }

        /** The key's positions, ascending. */
        int[] of(int key) {
            int count = 0;
            for (int p = lastPlusOne[key]; p > 0; p = previousPlusOne[p - 1]) {
                count++;
            }
            int[] positions = new int[count];
            for (int p = lastPlusOne[key]; p > 0; p = previousPlusOne[p - 1]) {
                positions[--count] = p - 1;
            }
            return positions;
        }
    }

    /** The key of the pair of two word keys, or -1 when no query requires that pair. */
    private int pairKey(int first, int second) {
        if (first < 0 || second < 0 || pairSeconds[first] == null) {
            return -1;
        }
        int at = Arrays.binarySearch(pairSeconds[first], second);
        return at < 0 ? -1 : pairKeys[first][at];
    }

    /** The id of a requirement key, created when new; a pair key also gives both its words an id. */
    private int keyOf(String key) {
        int space = key.indexOf(' ');
        // A field key ("source:desert wire") may hold spaces too; canonical words never hold a colon.
        if (space < 0 || key.indexOf(':') >= 0) {
            return wordKey(key);
        }
        int first = wordKey(key.substring(0, space));
        int second = wordKey(key.substring(space + 1));
        int existing = pairKey(first, second);
        if (existing >= 0) {
            return existing;
        }
        int pair = newKey();
        int[] seconds = pairSeconds[first] == null ? NO_INTS : pairSeconds[first];
        int[] pairs = pairKeys[first] == null ? NO_INTS : pairKeys[first];
        int at = -Arrays.binarySearch(seconds, second) - 1;
        pairSeconds[first] = inserted(seconds, at, second);
        pairKeys[first] = inserted(pairs, at, pair);
        return pair;
    }

    private int wordKey(String word) {
        Integer known = keyIds.get(word);
        if (known != null) {
            return known;
        }
        int key = newKey();
        keyIds.put(word, key);
        return key;
    }

    private int newKey() {
        if (keys == postings.length) {
            postings = Arrays.copyOf(postings, keys * 2);
            postingCounts = Arrays.copyOf(postingCounts, keys * 2);
            pairSeconds = Arrays.copyOf(pairSeconds, keys * 2);
            pairKeys = Arrays.copyOf(pairKeys, keys * 2);
        }
        postings[keys] = NO_INTS;
        return keys++;
    }

    private void addPosting(int key, int alternative) {
        if (postingCounts[key] == postings[key].length) {
            postings[key] = Arrays.copyOf(postings[key], Math.max(4, postings[key].length * 2));
        }
        postings[key][postingCounts[key]++] = alternative;
    }

    private int addAlternative(int subscription, int size) {
        if (alternatives == alternativeSize.length) {
            alternativeSubscription = Arrays.copyOf(alternativeSubscription, alternatives * 2);
            alternativeSize = Arrays.copyOf(alternativeSize, alternatives * 2);
        }
        alternativeSubscription[alternatives] = subscription;
        alternativeSize[alternatives] = size;
        return alternatives++;
    }

    private static int[] inserted(int[] values, int at, int value) {
        int[] longer = new int[values.length + 1];
        System.arraycopy(values, 0, longer, 0, at);
        longer[at] = value;
        System.arraycopy(values, at, longer, at + 1, values.length - at);
        return longer;
    }
}
