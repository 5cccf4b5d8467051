package io.newsstream.pipeline;

import io.newsstream.schema.RawArticle;

/**
 * Refuses, before any state is written, an article larger than ingest accepts ({@code ingest.max-bytes}): one that
 * reached the raw topic another way. Its outputs and state records (the article plus its analysis) could exceed
 * what Kafka takes, and a state record that cannot be written fails its task again after every restart. The
 * refusal is a processing error: the article goes to the dead-letter topic with its coordinates. Pure.
 */
final class ArticleSizeLimit {

    private final long maxChars;

    /** @param maxBytes the ingest limit: UTF-8 text has at most as many characters as bytes */
    ArticleSizeLimit(long maxBytes) {
        this.maxChars = maxBytes;
    }

    /** The article, unchanged; a tombstone (null) passes to the analyzer, which names what is missing. */
    RawArticle check(RawArticle article) {
        if (article == null) {
            return null;
        }
        long chars = article.getBody().length() + (article.getTitle() == null ? 0 : article.getTitle().length());
        if (chars > maxChars) {
            throw new IllegalArgumentException("article " + article.getId() + " has " + chars + " characters, over the "
                    + "limit of " + maxChars + " (ingest.max-bytes): refused before it reaches any state");
        }
        return article;
    }
}
