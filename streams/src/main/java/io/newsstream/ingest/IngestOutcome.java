package io.newsstream.ingest;

import io.newsstream.schema.RawArticle;

/** What became of one input at ingest: an accepted article, or a rejection with a reason a person can act on. */
public sealed interface IngestOutcome {

    /** Where the input came from: a file name, {@code file#line}, or {@code stdin}. */
    String origin();

    /**
     * An input that parsed into an article.
     *
     * @param controlCharactersRemoved control characters (and terminal escape sequences) removed from its text
     */
    record Accepted(RawArticle article, int controlCharactersRemoved) implements IngestOutcome {
        @Override
        public String origin() {
            return article.getOrigin();
        }
    }

    /**
     * An input that was refused.
     *
     * @param excerpt   the first characters of the input when it could be read as text, else null
     * @param sizeBytes size of the input, or -1 when unknown
     */
    record Rejected(String origin, String reason, String excerpt, long sizeBytes) implements IngestOutcome {
        static final int EXCERPT_CHARS = 512;

        static Rejected of(String origin, String reason, String text, long sizeBytes) {
            String excerpt = text == null ? null : text.substring(0, Math.min(text.length(), EXCERPT_CHARS));
            return new Rejected(origin, reason, excerpt, sizeBytes);
        }

        /**
         * The kind of rejection, for counting: the reason before its details (after ":" or "("), numbers as N
         * ("headline is N characters, the limit is N"), so a metric has a few values, not one per input.
         */
        public String kind() {
            if (reason == null || reason.isBlank()) {
                return "unexplained";
            }
            int end = reason.length();
            for (char stop : new char[] {':', '('}) {
                int at = reason.indexOf(stop);
                end = at > 0 ? Math.min(end, at) : end;
            }
            String kind = reason.substring(0, end).replaceAll("[0-9]+", "N").strip();
            return kind.length() > 60 ? kind.substring(0, 60) : kind;
        }
    }
}
