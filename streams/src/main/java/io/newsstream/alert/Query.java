package io.newsstream.alert;

import java.util.ArrayList;
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
     * What a matching document must contain, as alternatives: the query can match only if every word of at least
     * one alternative occurs (field filters count as words, {@code topic:cartels}). An empty alternative means
     * there is no such requirement (NOT).
     * Candidate lookup counts these words instead of verifying every query.
     */
    List<Set<String>> requirements();

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

        /** Start positions of every occurrence in the document. */
        List<Integer> positions(AlertDocument doc) {
            List<Integer> found = new ArrayList<>();
            for (int start : doc.positionsOf(words.get(0))) {
                if (occursAt(doc, start)) {
                    found.add(start);
                }
            }
            return found;
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

        @Override
        public List<Set<String>> requirements() {
            return List.of(Set.copyOf(words));
        }
    }

    /** Both sides within {@code distance} words of each other, in either order. */
    record Near(Phrase left, Phrase right, int distance) implements Query {
        @Override
        public boolean matches(AlertDocument doc, List<String> matched) {
            for (int l : left.positions(doc)) {
                for (int r : right.positions(doc)) {
                    int gap = l <= r ? r - (l + left.words().size()) : l - (r + right.words().size());
                    if (gap <= distance) {
                        matched.add(String.join(" ", left.words()));
                        matched.add(String.join(" ", right.words()));
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public List<List<String>> positiveTerms() {
            return List.of(left.words(), right.words());
        }

        @Override
        public List<Set<String>> requirements() {
            Set<String> both = new HashSet<>(left.words());
            both.addAll(right.words());
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
