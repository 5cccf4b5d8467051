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
            "no", "vs", "ft", "mt", "calif", "ariz", "ga", "tex", "fla", "colo", "conn", "ill", "ind", "kan", "ky", "la",
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
            if (!Character.isLetterOrDigit(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
                continue;
            }
            int end = wordEnd(text, i);
            boolean abbreviation = false;
            // Only a capitalised word ends in an abbreviation's dot: "fell ill." ends a sentence, "Ill." is Illinois.
            if (end < n && text.charAt(end) == '.' && Character.isUpperCase(text.charAt(i))
                    && (end - i == 1 || isAbbreviation(text, i, end))) {
                end++;
                abbreviation = true;
            } else if (text.charAt(end - 1) == '.') {
                abbreviation = true;
            }
            int wordEnd = end;
            if (end - i > 2 && text.charAt(end - 2) == '\'' && (text.charAt(end - 1) == 's' || text.charAt(end - 1) == 'S')) {
                wordEnd -= 2;
            }
            boolean lineBreak = false;
            boolean stop = false;
            boolean punctuation = false;
            for (int k = previousEnd; k < i; k++) {
                char c = text.charAt(k);
                lineBreak |= c == '\n';
                stop |= c == '.' || c == '!' || c == '?';
                punctuation |= !Character.isWhitespace(c);
            }
            boolean sentenceStart = words.isEmpty() || lineBreak || (!previousIsAbbreviation && stop);
            // "Mexico's Financial Intelligence Unit": a possessive ends one name and may start another.
            boolean separated = words.isEmpty() || punctuation || lineBreak || previousIsPossessive;
            String word = text.substring(i, wordEnd);
            words.add(new Word(word, fold(word), i, wordEnd, isCapitalised(word), isAllCaps(word), sentenceStart,
                    separated));
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
            int c = text.codePointAt(j);
            if (Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK) {
                j += Character.charCount(c);
            } else if ((c == '\'' || c == '-') && j + 1 < n && Character.isLetter(text.charAt(j + 1)) && j > start) {
                j++;
            } else if (c == '.' && j - start == 1 && j + 2 < n && Character.isLetter(text.charAt(j + 1))
                    && text.charAt(j + 2) == '.') {
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

    private static boolean isAbbreviation(String text, int start, int end) {
        return end - start <= 7 && ABBREVIATIONS.contains(text.substring(start, end).toLowerCase(Locale.ROOT));
    }

    /**
     * A word as names are compared: lower case, without accents or dots, apostrophes and hyphens as spaces
     * ("U.S." is "us", "López" is "lopez", "Ocasio-Cortez" is "ocasio cortez").
     */
    static String fold(String word) {
        String lower = CanonicalTokens.fold(word);
        boolean marks = false;
        for (int k = 0; k < lower.length() && !marks; k++) {
            char c = lower.charAt(k);
            marks = c == '.' || c == '-' || c == '\'';
        }
        return marks ? lower.replace(".", "").replace('-', ' ').replace('\'', ' ') : lower;
    }

    private static boolean isCapitalised(String word) {
        int at = 0;
        // al-Assad, el-Sisi, bin-Laden: the particle is written in lower case, the name after it is not.
        int hyphen = word.indexOf('-');
        if (hyphen > 0 && hyphen <= 3 && Character.isLowerCase(word.charAt(0)) && hyphen + 1 < word.length()) {
            at = hyphen + 1;
        }
        int first = word.codePointAt(at);
        return Character.isUpperCase(first) || Character.isTitleCase(first);
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
