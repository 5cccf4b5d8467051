package io.newsstream.normalize;

import java.util.Locale;

/** Language tags as newsstream compares them: the primary subtag in lower case ("en-GB" and "EN" are "en"). */
public final class LanguageTags {

    private LanguageTags() {
    }

    /**
     * The tag's primary language subtag (two or three letters, lower case), or null when the tag has none:
     * blank, or not a language code at all ("English", "eng-xyz-1" is "eng" but "e1" is nothing).
     */
    public static String primary(String tag) {
        if (tag == null) {
            return null;
        }
        String primary = tag.strip().toLowerCase(Locale.ROOT);
        int subtag = 0;
        while (subtag < primary.length() && primary.charAt(subtag) != '-' && primary.charAt(subtag) != '_') {
            subtag++;
        }
        primary = primary.substring(0, subtag);
        if (primary.length() < 2 || primary.length() > 3) {
            return null;
        }
        for (int k = 0; k < primary.length(); k++) {
            if (primary.charAt(k) < 'a' || primary.charAt(k) > 'z') {
                return null;
            }
        }
        return primary;
    }
}
