package io.newsstream.config;

import java.util.Objects;

/**
 * Names of the topics newsstream reads and writes. Names are configuration: these are the defaults,
 * overridable one by one ({@code topic.raw}, {@code topic.enriched}, ...).
 *
 * @param raw        accepted articles, {@code RawArticle} keyed by article id
 * @param rejected   inputs refused at ingest, {@code RejectedArticle} keyed by origin
 * @param enriched   every processed article, {@code EnrichedArticle} keyed by article id
 * @param dlq        records the pipeline failed to process, {@code PipelineFailure}
 * @param labelTopic pattern of the per-label topics; {@code %s} is replaced by the label
 * @param stories    one record per story, {@code StoryCluster} keyed by cluster id (compacted)
 * @param subscriptions alert subscriptions, {@code Subscription} keyed by subscription id (compacted)
 * @param alerts     alerts raised, {@code Alert} keyed by subscription id
 */
public record TopicNames(String raw, String rejected, String enriched, String dlq, String labelTopic, String stories,
                         String subscriptions, String alerts) {

    public static final TopicNames DEFAULTS = new TopicNames(
            "news.article.raw.v1",
            "news.ingest.rejected.v1",
            "news.article.enriched.v1",
            "news.pipeline.dlq.v1",
            "news.topic.%s.v1",
            "news.story.v1",
            "news.alert.subscription.v1",
            "news.alert.v1");

    public TopicNames {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(rejected, "rejected");
        Objects.requireNonNull(enriched, "enriched");
        Objects.requireNonNull(dlq, "dlq");
        Objects.requireNonNull(stories, "stories");
        Objects.requireNonNull(subscriptions, "subscriptions");
        Objects.requireNonNull(alerts, "alerts");
        if (!labelTopic.contains("%s")) {
            throw new IllegalArgumentException("topic.label-pattern must contain %s, got: " + labelTopic);
        }
    }

    /** The topic that carries original stories with the given taxonomy label. */
    public String forLabel(String label) {
        return String.format(labelTopic, label);
    }
}
