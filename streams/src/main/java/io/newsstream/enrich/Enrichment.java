package io.newsstream.enrich;

import java.util.List;

/**
 * What enrichment adds to an article.
 *
 * @param wordCount words in the body
 * @param keywords  the most salient content words, most salient first
 */
public record Enrichment(int wordCount, List<String> keywords) {
}
