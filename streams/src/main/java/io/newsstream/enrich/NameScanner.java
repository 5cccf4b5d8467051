package io.newsstream.enrich;

import io.newsstream.normalize.CanonicalTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits text into words as names are written: keeping the case, internal apostrophes and hyphens
 * ({@code O'Brien}, {@code Ocasio-Cortez}), dotted abbreviations ({@code U.S.}, {@code Gov.}, initials), without
 * possessive endings ({@code Trump's} is {@code Trump}), and marking where sentences start and punctuation
 * separates words. Pure and thread-safe.
 */
final class NameScanner {

    /** Words written with a full stop that does not end a sentence. */
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "gov", "sen", "rep", "gen",
            "lt", "col", "sgt", "capt", "cpl", "adm", "maj", "rev", "st", "jr", "sr", "inc", "corp", "co", "ltd",
            "no", "vs", "ft", "mt", "calif", "ariz", "tex", "fla", "colo", "conn", "ill", "ind", "kan", "ky", "la",
            "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "va",
            "vt", "wash", "wis", "wyo", "pres", "supt", "det", "prof", "messrs", "gens", "sens", "reps");

    private NameScanner() {
    }

    /**
     * A word of the text.
     *
     * @param text           the word as written, without a possessive ending
     * @param fold           its canonical form: lower case, no accents or dots, hyphens as spaces
     * @param start          offset of its first character
     * @param end            offset after its last character (before any possessive ending)
     * @param capitalised    starts with a capital letter ({@code al-Assad} counts by its second part)
     * @param allCaps        written in capitals throughout, two letters or more
     * @param sentenceStart  opens a sentence or paragraph, where any word is capitalised
     * @param separated      punctuation, a line break or a possessive ending stands between it and the word before
     */
    record Word(String text, String fold, int start, int end, boolean capitalised, boolean allCaps,
                boolean sentenceStart, boolean separated) {
    }

    /** The words of a text. */
    static List<Word> scan(String text) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        int n = text.length();
        int previousEnd = 0;
        boolean previousIsAbbreviation = false;
        boolean previousIsPossessive = false;
        while (i < n) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int end = wordEnd(text, i);
            boolean abbreviation = false;
            String raw = text.substring(i, end);
            String lower = raw.toLowerCase(Locale.ROOT);
            if (end < n && text.charAt(end) == '.' && (ABBREVIATIONS.contains(lower) || isInitial(raw))) {
                end++;
                abbreviation = true;
            } else if (raw.indexOf('.') > 0) {
                abbreviation = true;
            }
            int wordEnd = end;
            if (lower.endsWith("'s") && raw.length() > 2) {
                wordEnd -= 2;
            }
            String gap = text.substring(previousEnd, i);
            boolean sentenceStart = words.isEmpty() || gap.contains("\n")
                    || (!previousIsAbbreviation && endsSentence(gap));
            // "Mexico's Financial Intelligence Unit": a possessive ends one name and may start another.
            boolean separated = words.isEmpty() || !gap.isBlank() || gap.contains("\n") || previousIsPossessive;
            String word = text.substring(i, wordEnd);
            words.add(new Word(word, String.join(" ", CanonicalTokens.of(word)), i, wordEnd, isCapitalised(word),
                    isAllCaps(word), sentenceStart, separated));
            previousEnd = end;
            previousIsAbbreviation = abbreviation;
            previousIsPossessive = wordEnd < end;
            i = end;
        }
        return words;
    }

    /** Letters and digits, joined by an apostrophe or hyphen before a letter, or dots between single letters. */
    private static int wordEnd(String text, int start) {
        int n = text.length();
        int j = start;
        while (j < n) {
            char c = text.charAt(j);
            if (Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK) {
                j++;
            } else if ((c == '\'' || c == '-') && j + 1 < n && Character.isLetter(text.charAt(j + 1)) && j > start) {
                j++;
            } else if (c == '.' && j + 2 < n && j - start >= 1 && Character.isLetter(text.charAt(j + 1))
                    && isSingleLetterBefore(text, start, j) && text.charAt(j + 2) == '.') {
                // U.S., U.N., D.C.: single letters each followed by a dot.
                j += 2;
                while (j + 2 < n && Character.isLetter(text.charAt(j + 1)) && text.charAt(j + 2) == '.') {
                    j += 2;
                }
                return j + 1;
            } else {
                break;
            }
        }
        return j;
    }

    private static boolean isSingleLetterBefore(String text, int start, int dot) {
        return dot - start == 1;
    }

    private static boolean isInitial(String raw) {
        return raw.length() == 1 && Character.isUpperCase(raw.charAt(0));
    }

    private static boolean endsSentence(String gap) {
        for (int k = 0; k < gap.length(); k++) {
            char c = gap.charAt(k);
            if (c == '.' || c == '!' || c == '?') {
                return true;
            }
        }
        return false;
    }

    private static boolean isCapitalised(String word) {
        int at = 0;
        // al-Assad, el-Sisi, bin-Laden: the particle is written in lower case, the name after it is not.
        int hyphen = word.indexOf('-');
        if (hyphen > 0 && hyphen <= 3 && Character.isLowerCase(word.charAt(0)) && hyphen + 1 < word.length()) {
            at = hyphen + 1;
        }
        return Character.isUpperCase(word.charAt(at)) || Character.isTitleCase(word.charAt(at));
    }

    private static boolean isAllCaps(String word) {
        int letters = 0;
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            if (Character.isLowerCase(c)) {
                return false;
            }
            if (Character.isLetter(c)) {
                letters++;
            }
        }
        return letters >= 2;
    }
}
