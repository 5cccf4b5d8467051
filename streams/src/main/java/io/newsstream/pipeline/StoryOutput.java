package io.newsstream.pipeline;

import io.newsstream.schema.Alert;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.StoryCluster;
import java.util.List;

/**
 * What the story stage decided for one article, handed to the sinks of the same task (never serialised).
 *
 * @param article the article with its verdict, for news.article.enriched.v1 and, if an original, the label topics
 * @param story   its story's record after it joined, for news.story.v1
 * @param alerts  the alerts its story raises for the first time, for news.alert.v1
 */
public record StoryOutput(EnrichedArticle article, StoryCluster story, List<Alert> alerts) {
}
