package io.newsstream.normalize;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reduces normalised text to the tokens that survive syndication edits and house styles: lower case,
 * accents stripped, punctuation dropped, dotted abbreviations joined ({@code U.S.} and {@code US} both
 * give {@code us}) and {@code %} read as {@code percent}. Each token keeps its offsets in the source text,
 * so matches can be shown to a person. Pure and thread-safe.
 */
public final class CanonicalTokens {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private CanonicalTokens() {
    }

    /** The canonical tokens of a text. */
    public static List<String> of(String text) {
        return withOffsets(text).stream().map(Token::text).toList();
    }

    /** The canonical tokens of a text with their offsets. */
    public static List<Token> withOffsets(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '%') {
                tokens.add(new Token("percent", i, i + 1));
                i++;
            } else if (Character.isLetterOrDigit(c)) {
                int end = abbreviationEnd(text, i);
                if (end > 0) {
                    tokens.add(new Token(fold(text.substring(i, end).replace(".", "")), i, end));
                    i = end;
                } else {
                    int j = i;
                    while (j < n && Character.isLetterOrDigit(text.charAt(j))) {
                        j++;
                    }
                    tokens.add(new Token(fold(text.substring(i, j)), i, j));
                    i = j;
                }
            } else {
                i++;
            }
        }
        return tokens;
    }

    /** End of a dotted abbreviation such as "U.S." or "U.N." starting at {@code i}, or -1 when there is none. */
    private static int abbreviationEnd(String text, int i) {
        int j = i;
        int letters = 0;
        while (j + 1 < text.length() && Character.isLetter(text.charAt(j)) && text.charAt(j + 1) == '.') {
            letters++;
            j += 2;
        }
        return letters >= 2 ? j : -1;
    }

    /** A word in lower case without accents ("López" is "lopez"); other characters are kept. */
    public static String fold(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        for (int k = 0; k < lower.length(); k++) {
            if (lower.charAt(k) > 0x7F) {
                return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
            }
        }
        return lower;
    }
}
