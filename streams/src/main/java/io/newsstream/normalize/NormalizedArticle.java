package io.newsstream.normalize;

import java.util.List;

/**
 * An article's text after normalisation.
 *
 * @param title      headline with entities decoded and typography straightened; empty when there was none
 * @param paragraphs body paragraphs with boilerplate, bylines and agency credits removed
 * @param dateline   the place and credit the body opened with, or null when it had no dateline
 * @param credit     the news agency credited, from the dateline or a dropped byline or credit line; null when none
 * @param datelineLength how much of the body the dateline takes, its separator included ("EL PASO, Texas — "); 0
 *                   without one. Dedup reads the body after it: outlets rewrite datelines freely.
 */
public record NormalizedArticle(String title, List<String> paragraphs, Dateline dateline, String credit,
                                int datelineLength) {

    /**
     * A dateline: the place written at the start of the body ("WASHINGTON —", "EL PASO, Texas —").
     *
     * @param place    the place as written ("EL PASO, Texas")
     * @param placeEnd where the place's first part (before any comma: the city) ends in the body; it starts at 0
     */
    public record Dateline(String place, int placeEnd) {
    }

    public NormalizedArticle {
        paragraphs = List.copyOf(paragraphs);
    }

    public NormalizedArticle(String title, List<String> paragraphs) {
        this(title, paragraphs, null, null, 0);
    }

    /** The body, paragraphs separated by a blank line. */
    public String body() {
        return String.join("\n\n", paragraphs);
    }

    /** Title and body as one text; evidence offsets refer to this text. */
    public String fullText() {
        return title.isEmpty() ? body() : title + "\n\n" + body();
    }
}
