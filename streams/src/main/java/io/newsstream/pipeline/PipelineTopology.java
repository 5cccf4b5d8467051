package io.newsstream.pipeline;

import io.newsstream.alert.SubscriptionRegistry;
import io.newsstream.alert.SubscriptionStoreUpdater;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.dedup.StoryClusters;
import io.newsstream.dedup.StoryDesk;
import io.newsstream.dedup.SyndicationRule;
import io.newsstream.kafka.AvroSerde;
import io.newsstream.kafka.Topic;
import io.newsstream.kafka.Topics;
import io.newsstream.schema.Alert;
import io.newsstream.schema.AnalyzedArticle;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.RawArticle;
import io.newsstream.schema.StoryCluster;
import io.newsstream.schema.Subscription;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The newsstream topology, one line per stage of the data flow:
 * <pre>
 * news.article.raw.v1 (RawArticle, key: article id)
 *   → analyze: normalise, classify, fingerprint, enrich, and the subscriptions it matches (global store, from
 *       news.alert.subscription.v1)                                          (parallel: one task per raw partition)
 *   → repartition "story-by-shard" (AnalyzedArticle, key: article id, partition: story shard, dedup.shards of them)
 *   → story: verdict from the shard's anchor index, story record, once-per-story alerts (ordered: one task per shard;
 *       story-article-store, story-state-store)
 *   → news.article.enriched.v1 (EnrichedArticle with verdict, every article, key: article id)
 *   → originals only → news.topic.&lt;label&gt; for each assigned label
 *   → news.story.v1 (StoryCluster, key: cluster id)
 *   → news.alert.v1 (Alert, key: subscription id)
 * </pre>
 * Every processor, store and repartition topic is named: renaming one is a reviewed change (see the snapshot test).
 */
public final class PipelineTopology {

    static final String STORY_REPARTITION = "story-by-shard";

    private final NewsstreamConfig config;
    private final Topics topics;
    private final ArticleAnalyzer analyzer;
    private final List<String> labels;
    private final PipelineMetrics metrics;
    /** This instance's subscriptions, shared by the global thread that updates them and the tasks that match. */
    private final SubscriptionRegistry subscriptions = new SubscriptionRegistry();

    public PipelineTopology(NewsstreamConfig config, Topics topics, ArticleAnalyzer analyzer, List<String> labels,
                            PipelineMetrics metrics) {
        this.config = config;
        this.topics = topics;
        this.analyzer = analyzer;
        this.labels = List.copyOf(labels);
        this.metrics = metrics;
        metrics.expectLabels(this.labels);
    }

    /** Builds the topology for the given Kafka Streams settings (which carry topology-level options). */
    public Topology build(Properties streamsProperties) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties)));
        KStream<String, RawArticle> raw = builder.stream(topics.raw().name(),
                topics.raw().consumed("raw-source").withTimestampExtractor(new EventTime.OfRawArticle()));
        KStream<String, AnalyzedArticle> analyzed = analyze(builder, raw);
        KStream<String, StoryOutput> decided = toStoryShards(analyzed)
                .process(StoryProcessor.supplier(this::newDesk, new StoryClusters(config.storyMaxMembers()),
                        config.dedupRetention(), config.dedupEvictionInterval(), metrics), Named.as("story-node"));
        KStream<String, EnrichedArticle> articles = decided.mapValues(StoryOutput::article, Named.as("story-article-node"));
        articles.to(topics.enriched().name(), topics.enriched().produced("enriched-sink"));
        routeOriginalsByLabel(articles);
        publishStories(decided);
        publishAlerts(decided);
        return builder.build();
    }

    /** The parallel stage; the subscriptions it matches come from a global store, on every instance. */
    private KStream<String, AnalyzedArticle> analyze(StreamsBuilder builder, KStream<String, RawArticle> raw) {
        Topic<String, Subscription> subscriptionTopic = topics.subscriptions();
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SubscriptionStoreUpdater.STORE),
                        Serdes.String(), AvroSerde.of(Subscription.class)).withLoggingDisabled(),
                subscriptionTopic.name(), subscriptionTopic.consumed("alert-subscription-source"),
                () -> new SubscriptionStoreUpdater(subscriptions));
        ArticleSizeLimit sizeLimit = new ArticleSizeLimit(config.maxArticleBytes());
        return raw.processValues(() -> new AnalyzeProcessor(analyzer, sizeLimit, subscriptions, metrics), Named.as("analyze-node"));
    }

    /** Every copy of a story goes to the same shard; the stage then sees the shard's articles in one order. */
    private KStream<String, AnalyzedArticle> toStoryShards(KStream<String, AnalyzedArticle> analyzed) {
        return analyzed.repartition(Repartitioned.<String, AnalyzedArticle>as(STORY_REPARTITION)
                .withKeySerde(Serdes.String()).withValueSerde(AvroSerde.of(AnalyzedArticle.class))
                .withNumberOfPartitions(config.dedupShards()).withStreamPartitioner(new StoryShards()));
    }

    private StoryDesk newDesk() {
        return new StoryDesk(SyndicationRule.DEFAULT, config.dedupAnchorCapacity(), config.dedupMaxCandidates());
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

    private void publishStories(KStream<String, StoryOutput> decided) {
        Topic<String, StoryCluster> stories = topics.stories();
        decided.map((id, out) -> KeyValue.pair(out.story().getClusterId(), out.story()), Named.as("story-record-node"))
                .to(stories.name(), stories.produced("story-sink"));
    }

    private void publishAlerts(KStream<String, StoryOutput> decided) {
        Topic<String, Alert> alerts = topics.alerts();
        decided.flatMap((id, out) -> out.alerts().stream().map(a -> KeyValue.pair(a.getSubscriptionId(), a)).toList(),
                        Named.as("story-alert-node"))
                .to(alerts.name(), alerts.produced("alert-sink"));
    }

    private static boolean hasLabel(EnrichedArticle article, String label) {
        return article.getTopics().stream().anyMatch(t -> t.getLabel().equals(label));
    }
}
