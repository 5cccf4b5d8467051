package io.newsstream.pipeline;

import io.newsstream.config.NewsstreamConfig;
import io.newsstream.dedup.DedupProcessor;
import io.newsstream.kafka.AvroSerde;
import io.newsstream.kafka.Topic;
import io.newsstream.kafka.Topics;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.RawArticle;
import io.newsstream.schema.StoryEntry;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The newsstream topology, one line per stage of the data flow:
 * <pre>
 * news.article.raw.v1 (RawArticle, key: article id)
 *   → analyze: normalise, classify, fingerprint, enrich
 *   → re-key by content hash → repartition "dedup-by-content" (copies meet their original whatever partition they came from)
 *   → dedup (store dedup-fingerprint-store) → re-key by article id
 *   → news.article.enriched.v1 (EnrichedArticle, every article, key: article id)
 *   → originals only → news.topic.&lt;label&gt;.v1 for each assigned label
 * </pre>
 * Every processor, store and repartition topic is named: renaming one is a reviewed change (see the snapshot test).
 */
public final class PipelineTopology {

    static final String DEDUP_REPARTITION = "dedup-by-content";

    private final NewsstreamConfig config;
    private final Topics topics;
    private final ArticleAnalyzer analyzer;
    private final List<String> labels;

    public PipelineTopology(NewsstreamConfig config, Topics topics, ArticleAnalyzer analyzer, List<String> labels) {
        this.config = config;
        this.topics = topics;
        this.analyzer = analyzer;
        this.labels = List.copyOf(labels);
    }

    /** Builds the topology for the given Kafka Streams settings (which carry topology-level options). */
    public Topology build(Properties streamsProperties) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties)));
        builder.addStateStore(dedupStore());

        KStream<String, RawArticle> raw = builder.stream(topics.raw().name(), topics.raw().consumed("raw-source"));
        KStream<String, EnrichedArticle> analyzed = raw.mapValues(analyzer::analyze, Named.as("analyze-node"));
        KStream<String, EnrichedArticle> deduplicated = dedup(analyzed);
        deduplicated.to(topics.enriched().name(), topics.enriched().produced("enriched-sink"));
        routeOriginalsByLabel(deduplicated);
        return builder.build();
    }

    private KStream<String, EnrichedArticle> dedup(KStream<String, EnrichedArticle> analyzed) {
        Topic<String, EnrichedArticle> enriched = topics.enriched();
        return analyzed
                .selectKey((id, article) -> article.getFingerprint().getExactHash(), Named.as("key-by-content-node"))
                .repartition(Repartitioned.<String, EnrichedArticle>as(DEDUP_REPARTITION)
                        .withKeySerde(enriched.keySerde()).withValueSerde(enriched.valueSerde()))
                .process(() -> new DedupProcessor(config.dedupRetention(), config.dedupEvictionInterval()),
                        Named.as("dedup-node"), DedupProcessor.STORE)
                .selectKey((hash, article) -> article.getId(), Named.as("key-by-article-node"));
    }

    private void routeOriginalsByLabel(KStream<String, EnrichedArticle> articles) {
        KStream<String, EnrichedArticle> originals = articles.filter(
                (id, article) -> article.getDedup().getStatus() == DedupStatus.ORIGINAL, Named.as("originals-node"));
        for (String label : labels) {
            Topic<String, EnrichedArticle> topic = topics.forLabel(label);
            originals.filter((id, article) -> hasLabel(article, label), Named.as("label-" + label + "-node"))
                    .to(topic.name(), topic.produced("label-" + label + "-sink"));
        }
    }

    private static boolean hasLabel(EnrichedArticle article, String label) {
        return article.getTopics().stream().anyMatch(t -> t.getLabel().equals(label));
    }

    private StoreBuilder<KeyValueStore<String, StoryEntry>> dedupStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DedupProcessor.STORE),
                Serdes.String(), AvroSerde.of(StoryEntry.class));
    }
}
