package io.newsstream.alert;

import io.newsstream.normalize.Token;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The passages of an article shown in its alerts: a window of text around the first match, the match marked, on
 * one line, with the headline set off from the body by a dash. One per article: every matched term is located in
 * one pass over the tokens, and alerts whose first match is the same share one passage.
 */
public final class Snippets {

    static final int CONTEXT_CHARS = 80;
    private static final String TITLE_SEPARATOR = " —";

    private final String text;
    private final int titleEnd;
    private final List<Token> tokens;
    /** Where each matched term first occurs (token index); field filters and absent terms are not here. */
    private final Map<String, Integer> firstAt = new HashMap<>();
    /** Passages already cut, by their match's start and end offsets. */
    private final Map<Long, String> passages = new HashMap<>();

    /**
     * @param text     the article text the tokens come from
     * @param titleEnd where its headline ends (0 when it has none): a passage across it shows a dash there
     * @param tokens   its canonical tokens with offsets
     * @param terms    every term the article's alerts matched (canonical words joined by spaces)
     */
    public Snippets(String text, int titleEnd, List<Token> tokens, Collection<String> terms) {
        this.text = text;
        this.titleEnd = titleEnd;
        this.tokens = tokens;
        locate(terms);
    }

    private void locate(Collection<String> terms) {
        Map<String, List<String[]>> byFirstWord = new HashMap<>();
        int left = 0;
        for (String term : new HashSet<>(terms)) {
            if (!term.contains(":")) {
                String[] words = term.split(" ");
                byFirstWord.computeIfAbsent(words[0], w -> new ArrayList<>()).add(words);
                left++;
            }
        }
        for (int i = 0; i < tokens.size() && left > 0; i++) {
            List<String[]> starting = byFirstWord.get(tokens.get(i).text());
            if (starting == null) {
                continue;
            }
            for (String[] words : starting) {
                String term = String.join(" ", words);
                if (!firstAt.containsKey(term) && standsAt(words, i)) {
                    firstAt.put(term, i);
                    left--;
                }
            }
        }
    }

    private boolean standsAt(String[] words, int at) {
        if (at + words.length > tokens.size()) {
            return false;
        }
        for (int k = 1; k < words.length; k++) {
            if (!tokens.get(at + k).text().equals(words[k])) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param matched an alert's matched terms, among those given at construction; field filters are skipped
     * @return the passage around the earliest occurrence of any matched term, or the text's start when none occurs
     */
    public String around(List<String> matched) {
        int bestStart = -1;
        int bestEnd = -1;
        for (String term : matched) {
            Integer at = firstAt.get(term);
            if (at != null && (bestStart < 0 || tokens.get(at).start() < bestStart)) {
                bestStart = tokens.get(at).start();
                bestEnd = tokens.get(at + term.split(" ").length - 1).end();
            }
        }
        int start = bestStart;
        int end = bestEnd;
        return passages.computeIfAbsent((long) start << 32 | (end & 0xFFFFFFFFL), k -> passage(start, end));
    }

    private String passage(int bestStart, int bestEnd) {
        if (bestStart < 0) {
            int to = wordBoundary(text, Math.min(text.length(), 2 * CONTEXT_CHARS), false);
            return shown(0, to) + (to < text.length() ? "…" : "");
        }
        int from = Math.min(bestStart, wordBoundary(text, Math.max(0, bestStart - CONTEXT_CHARS), true));
        int to = wordBoundary(text, Math.min(text.length(), bestEnd + CONTEXT_CHARS), false);
        return (from > 0 ? "…" : "") + shown(from, bestStart) + "**" + shown(bestStart, bestEnd) + "**" + shown(bestEnd, to)
                + (to < text.length() ? "…" : "");
    }

    /** The text between two offsets on one line, the dash after the headline included when the range holds it. */
    private String shown(int from, int to) {
        if (titleEnd > 0 && from <= titleEnd && titleEnd < to) {
            return oneLine(text.substring(from, titleEnd)) + TITLE_SEPARATOR + oneLine(text.substring(titleEnd, to));
        }
        return oneLine(text.substring(from, to));
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
        if (isOneLine(s)) {
            return s;
        }
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

    /** Whether the text has no whitespace but single spaces (most of a normalised paragraph). */
    private static boolean isOneLine(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == ' ' && i > 0 && s.charAt(i - 1) == ' ') {
                return false;
            }
        }
        return true;
    }
}
