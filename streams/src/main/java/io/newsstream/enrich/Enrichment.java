package io.newsstream.enrich;

import java.util.List;

/**
 * What enrichment adds to an article.
 *
 * @param wordCount          words in the body
 * @param keywords           the most salient content words, most salient first
 * @param readingTimeSeconds time to read the body, rounded up
 * @param entities           the people, organisations and places the body names, most mentioned first
 * @param dateline           the dateline's place with capitals as in a sentence, or null
 */
public record Enrichment(int wordCount, List<String> keywords, int readingTimeSeconds, List<NamedEntity> entities,
                         String dateline) {
}
