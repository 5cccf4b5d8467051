package io.newsstream.evaluate;

import java.util.Set;

/**
 * One line of a labelled corpus's {@code labels.jsonl}.
 *
 * @param file   file name inside {@code articles/}
 * @param topics the article's true labels (empty: none applies)
 * @param story  story id shared by a base article, its syndicated copies and independent reports of its event
 * @param kind   base, copy, independent or template
 */
public record LabelledArticle(String file, Set<String> topics, String story, String kind) {

    public LabelledArticle {
        topics = Set.copyOf(topics);
    }

    /** Same story in the syndication sense: base or copy of one story (independent reports are other stories). */
    public boolean sameStoryAs(LabelledArticle other) {
        return story.equals(other.story) && isSyndicated() && other.isSyndicated();
    }

    private boolean isSyndicated() {
        return kind.equals("base") || kind.equals("copy");
    }
}
