package io.newsstream.alert;

import io.newsstream.normalize.Token;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
    /** The matched terms, each with where it first occurs; field filters are not here. */
    private final Map<String, Term> terms = new HashMap<>();
    /** Passages already cut, by their match's start and end offsets. */
    private final Map<Long, String> passages = new HashMap<>();

    /** A matched term: its canonical words, and the token index where they first stand together (-1: nowhere). */
    private static final class Term {
        final String[] words;
        int firstAt = -1;

        Term(String text) {
            this.words = text.split(" ");
        }
    }

    /**
     * @param text     the article text the tokens come from
     * @param titleEnd where its headline ends (0 when it has none): a passage across it shows a dash there
     * @param tokens   its canonical tokens with offsets
     * @param matched  every term the article's alerts matched (canonical words joined by spaces)
     */
    public Snippets(String text, int titleEnd, List<Token> tokens, Collection<String> matched) {
        this.text = text;
        this.titleEnd = titleEnd;
        this.tokens = tokens;
        Map<String, List<Term>> byFirstWord = new HashMap<>();
        for (String term : matched) {
            if (!term.contains(":") && !terms.containsKey(term)) {
                Term t = new Term(term);
                terms.put(term, t);
                byFirstWord.computeIfAbsent(t.words[0], w -> new ArrayList<>()).add(t);
            }
        }
        locate(byFirstWord);
    }

    /** One pass over the tokens finds every term's first occurrence. */
    private void locate(Map<String, List<Term>> byFirstWord) {
        int left = terms.size();
        for (int i = 0; i < tokens.size() && left > 0; i++) {
            List<Term> starting = byFirstWord.get(tokens.get(i).text());
            if (starting == null) {
                continue;
            }
            for (Term t : starting) {
                if (t.firstAt < 0 && standsAt(t.words, i)) {
                    t.firstAt = i;
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
            Term t = terms.get(term);
            if (t != null && t.firstAt >= 0 && (bestStart < 0 || tokens.get(t.firstAt).start() < bestStart)) {
                bestStart = tokens.get(t.firstAt).start();
                bestEnd = tokens.get(t.firstAt + t.words.length - 1).end();
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
