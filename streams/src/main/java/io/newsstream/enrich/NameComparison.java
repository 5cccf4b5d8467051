package io.newsstream.enrich;

import io.newsstream.enrich.EntityExtractor.Candidate;
import io.newsstream.enrich.NameScanner.Word;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** How names are compared when mentions are merged: word by word, folded, allowing a typo where it is safe. */
final class NameComparison {

    /** Initials and generational suffixes, which people's names gain and lose freely. */
    private static final Set<String> NAME_EXTRAS = Set.of("jr", "sr", "ii", "iii", "iv");
    /** Words an acronym skips: the Department of Homeland Security is DHS. */
    private static final Set<String> NOT_INITIALS = Set.of("of", "and", "the", "for", "de", "del", "on", "in");

    private NameComparison() {
    }

    /** A name's comparable words: folded, without initials or generational suffixes. */
    static List<String> nameTokens(Candidate c) {
        List<String> tokens = new ArrayList<>();
        for (Word w : c.words()) {
            tokens.addAll(tokens(w.fold()));
        }
        return withoutExtras(tokens);
    }

    static List<String> tokens(String fold) {
        return fold.indexOf(' ') < 0 ? List.of(fold)
                : withoutExtras(Arrays.stream(fold.split(" ")).filter(t -> !t.isEmpty()).toList());
    }

    static List<String> withoutExtras(List<String> tokens) {
        if (tokens.size() < 2) {
            return tokens;
        }
        List<String> kept = new ArrayList<>(tokens.size());
        for (String t : tokens) {
            if (t.length() > 1 && !NAME_EXTRAS.contains(t)) {
                kept.add(t);
            }
        }
        return kept;
    }

    /**
     * Whether {@code shorter} ends {@code longer}, word for word; when {@code misspelt}, one word other than the
     * shorter name's first may be a letter off ("Andres Manual Lopez Obrador"), if both spellings are long enough
     * to tell a typo from another name (given names a letter apart, Mario and Maria, are different people).
     */
    static boolean isSuffix(List<String> shorter, List<String> longer, boolean misspelt) {
        if (shorter.isEmpty() || shorter.size() > longer.size()) {
            return false;
        }
        int offset = longer.size() - shorter.size();
        int edits = 0;
        for (int k = 0; k < shorter.size(); k++) {
            String a = shorter.get(k);
            String b = longer.get(offset + k);
            if (a.equals(b)) {
                continue;
            }
            if (!misspelt || k == 0 || ++edits > 1 || Math.min(a.length(), b.length()) < 5 || !withinOneEdit(a, b)) {
                return false;
            }
        }
        return true;
    }

    /** Whether one substitution, insertion or deletion turns one word into the other. */
    static boolean withinOneEdit(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        int j = 0;
        boolean edited = false;
        while (i < a.length() && j < b.length()) {
            if (a.charAt(i) == b.charAt(j)) {
                i++;
                j++;
                continue;
            }
            if (edited) {
                return false;
            }
            edited = true;
            if (a.length() > b.length()) {
                i++;
            } else if (b.length() > a.length()) {
                j++;
            } else {
                i++;
                j++;
            }
        }
        return !edited || (i == a.length() && j == b.length());
    }

    static String initials(List<String> tokens) {
        StringBuilder initials = new StringBuilder();
        for (String t : tokens) {
            if (!NOT_INITIALS.contains(t)) {
                initials.append(t.charAt(0));
            }
        }
        return initials.length() >= 2 ? initials.toString() : "";
    }
}
