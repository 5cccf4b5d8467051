package io.newsstream.kafka;

import io.newsstream.config.TopicNames;
import io.newsstream.schema.Alert;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.PipelineFailure;
import io.newsstream.schema.RawArticle;
import io.newsstream.schema.RejectedArticle;
import io.newsstream.schema.StoryCluster;
import io.newsstream.schema.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of newsstream with its serdes, built once from configuration and passed to the code
 * that reads or writes Kafka.
 */
public final class Topics {

    private static final Serde<String> KEYS = Serdes.String();
    /** Largest record newsstream's topics take: room for an article at the ingest limit with its analysis. */
    public static final int MAX_RECORD_BYTES = 8 * 1024 * 1024;

    private final TopicNames names;
    private final Topic<String, RawArticle> raw;
    private final Topic<String, RejectedArticle> rejected;
    private final Topic<String, EnrichedArticle> enriched;
    private final Topic<String, PipelineFailure> dlq;
    private final Topic<String, StoryCluster> stories;
    private final Topic<String, Subscription> subscriptions;
    private final Topic<String, Alert> alerts;

    public Topics(TopicNames names) {
        this.names = names;
        this.raw = new Topic<>(names.raw(), KEYS, AvroSerde.of(RawArticle.class));
        this.rejected = new Topic<>(names.rejected(), KEYS, AvroSerde.of(RejectedArticle.class));
        this.enriched = new Topic<>(names.enriched(), KEYS, AvroSerde.of(EnrichedArticle.class));
        this.dlq = new Topic<>(names.dlq(), KEYS, AvroSerde.of(PipelineFailure.class));
        this.stories = new Topic<>(names.stories(), KEYS, AvroSerde.of(StoryCluster.class));
        this.subscriptions = new Topic<>(names.subscriptions(), KEYS, AvroSerde.of(Subscription.class));
        this.alerts = new Topic<>(names.alerts(), KEYS, AvroSerde.of(Alert.class));
    }

    public Topic<String, RawArticle> raw() {
        return raw;
    }

    public Topic<String, RejectedArticle> rejected() {
        return rejected;
    }

    public Topic<String, EnrichedArticle> enriched() {
        return enriched;
    }

    public Topic<String, PipelineFailure> dlq() {
        return dlq;
    }

    /** One record per story (compacted). */
    public Topic<String, StoryCluster> stories() {
        return stories;
    }

    /** Alert subscriptions, one record per subscription (compacted; a tombstone deletes). */
    public Topic<String, Subscription> subscriptions() {
        return subscriptions;
    }

    /** Alerts raised, keyed by subscription id. */
    public Topic<String, Alert> alerts() {
        return alerts;
    }

    /** The topic of original stories carrying one taxonomy label. */
    public Topic<String, EnrichedArticle> forLabel(String label) {
        return new Topic<>(names.forLabel(label), KEYS, enriched.valueSerde());
    }

    /** Names of every topic the pipeline needs, for the given taxonomy labels. */
    public List<String> allNames(Collection<String> labels) {
        List<String> all = new ArrayList<>(List.of(raw.name(), rejected.name(), enriched.name(), dlq.name(),
                stories.name(), subscriptions.name(), alerts.name()));
        labels.forEach(label -> all.add(names.forLabel(label)));
        return all;
    }

    /** Topics that keep only the latest record per key. */
    public List<String> compactedNames() {
        return List.of(stories.name(), subscriptions.name());
    }

    /**
     * The named topics with the settings each is created with. Every topic is stamped by the broker when a record
     * is appended ({@code LogAppendTime}): time retention then counts from when a record was written, never from
     * the publication time of the article in it, which is event time and travels in the value. An archive from
     * years ago is not deleted at the next retention check. The raw topic is the source of replays and keeps its
     * records for {@code rawRetention} (empty: forever).
     */
    public Map<String, Map<String, String>> specs(Collection<String> topicNames, Optional<Duration> rawRetention) {
        Map<String, Map<String, String>> specs = new LinkedHashMap<>();
        for (String name : topicNames) {
            Map<String, String> configs = new LinkedHashMap<>();
            configs.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
            configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_RECORD_BYTES));
            if (compactedNames().contains(name)) {
                configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            }
            if (name.equals(raw.name())) {
                configs.put(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(rawRetention.map(Duration::toMillis).orElse(-1L)));
            }
            specs.put(name, Map.copyOf(configs));
        }
        return specs;
    }
}
