package io.newsstream.normalize;

import java.util.List;

/**
 * An article's text after normalisation.
 *
 * @param title      headline with entities decoded and typography straightened; empty when there was none
 * @param paragraphs body paragraphs with boilerplate, bylines and agency credits removed
 */
public record NormalizedArticle(String title, List<String> paragraphs) {

    public NormalizedArticle {
        paragraphs = List.copyOf(paragraphs);
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
