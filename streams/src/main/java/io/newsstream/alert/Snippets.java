package io.newsstream.alert;

import io.newsstream.normalize.Token;
import java.util.List;

/** The passage of an article shown in an alert: a window of text around the first match, the match marked. Pure. */
public final class Snippets {

    static final int CONTEXT_CHARS = 80;

    private Snippets() {
    }

    /**
     * @param text    the article text the tokens come from
     * @param tokens  its canonical tokens with offsets
     * @param matched the query's matched terms (canonical words joined by spaces); field filters are skipped
     * @return the passage around the earliest occurrence of any matched term, or the text's start when none occurs
     */
    public static String around(String text, List<Token> tokens, List<String> matched) {
        int bestStart = -1;
        int bestEnd = -1;
        for (String term : matched) {
            if (term.contains(":")) {
                continue;
            }
            List<String> words = List.of(term.split(" "));
            int at = find(tokens, words);
            if (at >= 0 && (bestStart < 0 || tokens.get(at).start() < bestStart)) {
                bestStart = tokens.get(at).start();
                bestEnd = tokens.get(at + words.size() - 1).end();
            }
        }
        if (bestStart < 0) {
            int to = wordBoundary(text, Math.min(text.length(), 2 * CONTEXT_CHARS), false);
            return oneLine(text.substring(0, to)) + (to < text.length() ? "…" : "");
        }
        int from = Math.min(bestStart, wordBoundary(text, Math.max(0, bestStart - CONTEXT_CHARS), true));
        int to = wordBoundary(text, Math.min(text.length(), bestEnd + CONTEXT_CHARS), false);
        return (from > 0 ? "…" : "") + oneLine(text.substring(from, bestStart)) + "**" + oneLine(text.substring(bestStart, bestEnd))
                + "**" + oneLine(text.substring(bestEnd, to)) + (to < text.length() ? "…" : "");
    }

    private static int find(List<Token> tokens, List<String> words) {
        for (int i = 0; i + words.size() <= tokens.size(); i++) {
            boolean all = true;
            for (int k = 0; k < words.size() && all; k++) {
                all = tokens.get(i + k).text().equals(words.get(k));
            }
            if (all) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Moves a cut forward to a word boundary so no word is split: a start to just after a space, an end to the
     * next space. (A start never passes the match: the caller clamps it.)
     */
    private static int wordBoundary(String text, int at, boolean start) {
        if (at <= 0 || at >= text.length()) {
            return at;
        }
        int i = at;
        if (start) {
            while (i < text.length() && !Character.isWhitespace(text.charAt(i - 1))) {
                i++;
            }
        } else {
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
        }
        return i;
    }

    /** Every run of whitespace (as the regex {@code \s}: space, tab, line breaks, vertical tab, form feed) as one space. */
    private static String oneLine(String s) {
        StringBuilder line = new StringBuilder(s.length());
        boolean inSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
            if (!space) {
                line.append(c);
            } else if (!inSpace) {
                line.append(' ');
            }
            inSpace = space;
        }
        return line.toString();
    }
}
