package io.newsstream.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed subscription query (see {@link QueryParser} for the grammar). Matching is pure: a query either
 * matches a document or not, and reports which of its words and phrases it found.
 */
public sealed interface Query {

    /** Whether the document matches; the positive terms and phrases found are added to {@code matched}. */
    boolean matches(AlertDocument doc, List<String> matched);

    /** The words and phrases a document must contain for this query to be worth verifying (for candidate lookup). */
    List<List<String>> positiveTerms();

    /** A word or an exact phrase, as canonical words. */
    record Phrase(List<String> words) implements Query {
        public Phrase {
            words = List.copyOf(words);
        }

        @Override
        public boolean matches(AlertDocument doc, List<String> matched) {
            if (!positions(doc).isEmpty()) {
                matched.add(String.join(" ", words));
                return true;
            }
            return false;
        }

        /** Start positions of every occurrence in the document. */
        List<Integer> positions(AlertDocument doc) {
            List<Integer> found = new ArrayList<>();
            List<String> text = doc.words();
            for (int i = 0; i + words.size() <= text.size(); i++) {
                if (text.subList(i, i + words.size()).equals(words)) {
                    found.add(i);
                }
            }
            return found;
        }

        @Override
        public List<List<String>> positiveTerms() {
            return List.of(words);
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
            List<List<String>> terms = new ArrayList<>(left.positiveTerms());
            terms.addAll(right.positiveTerms());
            return terms;
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
            List<List<String>> terms = new ArrayList<>(left.positiveTerms());
            terms.addAll(right.positiveTerms());
            return terms;
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
    }
}
