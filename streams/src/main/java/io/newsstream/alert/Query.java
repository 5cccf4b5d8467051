package io.newsstream.alert;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parsed subscription query (see {@link QueryParser} for the grammar). Matching is pure: a query either
 * matches a document or not, and reports which of its words and phrases it found.
 */
public sealed interface Query {

    /** Whether the document matches; the positive terms and phrases found are added to {@code matched}. */
    boolean matches(AlertDocument doc, List<String> matched);

    /** The words and phrases a document must contain for this query to be worth verifying (for candidate lookup). */
    List<List<String>> positiveTerms();

    /**
     * What a matching document must contain, as alternatives: the query can match only if every key of at least
     * one alternative occurs. Keys are words, word pairs that must be adjacent ({@code "drug cartel"}, see
     * {@link #pairKey}) and field filters ({@code topic:cartels}). An empty alternative means there is no such
     * requirement (NOT). Candidate lookup counts these keys instead of verifying every query.
     */
    List<Set<String>> requirements();

    /**
     * The key of two adjacent words: a phrase needs its word pairs, which are far rarer in a text than its words
     * (canonical words never contain a space, nor a colon — which tells a pair from a field key).
     */
    static String pairKey(String first, String second) {
        return first + " " + second;
    }

    /** Alternatives above this many are not multiplied out: one side of an AND is then requirement enough. */
    int MAX_ALTERNATIVES = 16;

    private static List<Set<String>> unconditional() {
        return List.of(Set.of());
    }

    private static List<List<String>> termsOfBoth(Query left, Query right) {
        List<List<String>> terms = new ArrayList<>(left.positiveTerms());
        terms.addAll(right.positiveTerms());
        return terms;
    }

    /** A word or an exact phrase, as canonical words. */
    record Phrase(List<String> words) implements Query {
        public Phrase {
            words = List.copyOf(words);
        }

        @Override
        public boolean matches(AlertDocument doc, List<String> matched) {
            for (int start : doc.positionsOf(words.get(0))) {
                if (occursAt(doc, start)) {
                    matched.add(String.join(" ", words));
                    return true;
                }
            }
            return false;
        }

        /** Start positions of every occurrence in the document, ascending. */
        int[] positions(AlertDocument doc) {
            int[] starts = doc.positionsOf(words.get(0));
            if (words.size() == 1) {
                return starts;
            }
            int[] found = new int[starts.length];
            int n = 0;
            for (int start : starts) {
                if (occursAt(doc, start)) {
                    found[n++] = start;
                }
            }
            return Arrays.copyOf(found, n);
        }

        private boolean occursAt(AlertDocument doc, int start) {
            List<String> text = doc.words();
            if (start + words.size() > text.size()) {
                return false;
            }
            for (int k = 1; k < words.size(); k++) {
                if (!text.get(start + k).equals(words.get(k))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public List<List<String>> positiveTerms() {
            return List.of(words);
        }

        /** A single word, or each adjacent pair of the phrase's words. */
        @Override
        public List<Set<String>> requirements() {
            if (words.size() == 1) {
                return List.of(Set.of(words.get(0)));
            }
            Set<String> pairs = new HashSet<>();
            for (int k = 1; k < words.size(); k++) {
                pairs.add(pairKey(words.get(k - 1), words.get(k)));
            }
            return List.of(Set.copyOf(pairs));
        }
    }

    /** Both sides within {@code distance} words of each other, in either order. */
    record Near(Phrase left, Phrase right, int distance) implements Query {
        @Override
        public boolean matches(AlertDocument doc, List<String> matched) {
            if (!Proximity.within(left.positions(doc), left.words().size(), right.positions(doc), right.words().size(),
                    distance)) {
                return false;
            }
            matched.add(String.join(" ", left.words()));
            matched.add(String.join(" ", right.words()));
            return true;
        }

        @Override
        public List<List<String>> positiveTerms() {
            return List.of(left.words(), right.words());
        }

        @Override
        public List<Set<String>> requirements() {
            Set<String> both = new HashSet<>(left.requirements().get(0));
            both.addAll(right.requirements().get(0));
            return List.of(Set.copyOf(both));
        }
    }

    /** A field filter: {@code topic:LABEL}, {@code source:NAME} or {@code entity:NAME}. */
    record Field(String name, String value) implements Query {
        @Override
        public boolean matches(AlertDocument doc, List<String> matched) {
            boolean found = switch (name) {
                case "topic" -> doc.topics().contains(value.toLowerCase(Locale.ROOT));
                case "source" -> doc.source().equals(AlertDocument.canonical(value));
                case "entity" -> doc.entities().contains(AlertDocument.canonical(value));
                default -> false;
            };
            if (found) {
                matched.add(name + ":" + value);
            }
            return found;
        }

        @Override
        public List<List<String>> positiveTerms() {
            return List.of();
        }

        /** The document must carry this field value: indexed like a word (see {@link AlertDocument#fieldKeys()}). */
        @Override
        public List<Set<String>> requirements() {
            return List.of(Set.of(key()));
        }

        String key() {
            return name + ":" + (name.equals("topic") ? value.toLowerCase(Locale.ROOT) : AlertDocument.canonical(value));
        }
    }

    record And(Query left, Query right) implements Query {
        @Override
        public boolean matches(AlertDocument doc, List<String> matched) {
            List<String> found = new ArrayList<>();
            if (left.matches(doc, found) && right.matches(doc, found)) {
                matched.addAll(found);
                return true;
            }
            return false;
        }

        @Override
        public List<List<String>> positiveTerms() {
            return termsOfBoth(left, right);
        }

        /**
         * Both sides' requirements at once; when that would be too many alternatives, one side's — the one with a
         * requirement, else the one with fewer alternatives (either is necessary for a match).
         */
        @Override
        public List<Set<String>> requirements() {
            List<Set<String>> l = left.requirements();
            List<Set<String>> r = right.requirements();
            if (l.size() * r.size() > MAX_ALTERNATIVES) {
                // A side without requirement would make the query always verified: take the other one then.
                boolean lUnconditional = l.stream().anyMatch(Set::isEmpty);
                boolean rUnconditional = r.stream().anyMatch(Set::isEmpty);
                if (lUnconditional != rUnconditional) {
                    return lUnconditional ? r : l;
                }
                return l.size() <= r.size() ? l : r;
            }
            List<Set<String>> both = new ArrayList<>();
            for (Set<String> a : l) {
                for (Set<String> b : r) {
                    Set<String> union = new HashSet<>(a);
                    union.addAll(b);
                    both.add(Set.copyOf(union));
                }
            }
            return both;
        }
    }

    record Or(Query left, Query right) implements Query {
        @Override
        public boolean matches(AlertDocument doc, List<String> matched) {
            boolean l = left.matches(doc, matched);
            boolean r = right.matches(doc, matched);
            return l || r;
        }

        @Override
        public List<List<String>> positiveTerms() {
            return termsOfBoth(left, right);
        }

        /** Either side's alternatives; a side without requirement leaves the whole without one. */
        @Override
        public List<Set<String>> requirements() {
            List<Set<String>> either = new ArrayList<>(left.requirements());
            either.addAll(right.requirements());
            return either.stream().anyMatch(Set::isEmpty) ? unconditional() : either;
        }
    }

    record Not(Query inner) implements Query {
        @Override
        public boolean matches(AlertDocument doc, List<String> matched) {
            return !inner.matches(doc, new ArrayList<>());
        }

        @Override
        public List<List<String>> positiveTerms() {
            return List.of();
        }

        @Override
        public List<Set<String>> requirements() {
            return unconditional();
        }
    }
}
