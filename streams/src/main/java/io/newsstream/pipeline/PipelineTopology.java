package io.newsstream.pipeline;

import io.newsstream.alert.AlertMatchProcessor;
import io.newsstream.alert.OncePerStoryProcessor;
import io.newsstream.alert.SubscriptionRegistry;
import io.newsstream.alert.SubscriptionStoreUpdater;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.dedup.AnchorBuckets;
import io.newsstream.dedup.AnchorProcessor;
import io.newsstream.dedup.AnchorRouting;
import io.newsstream.dedup.StoryClusterProcessor;
import io.newsstream.dedup.StoryClusters;
import io.newsstream.dedup.SyndicationRule;
import io.newsstream.dedup.VerdictProcessor;
import io.newsstream.kafka.AvroSerde;
import io.newsstream.kafka.Topic;
import io.newsstream.kafka.Topics;
import io.newsstream.schema.Alert;
import io.newsstream.schema.AlertBatch;
import io.newsstream.schema.AlertedStory;
import io.newsstream.schema.AnchorProbe;
import io.newsstream.schema.ArticleStory;
import io.newsstream.schema.DedupMessage;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.PendingDedup;
import io.newsstream.schema.RawArticle;
import io.newsstream.schema.StoryCluster;
import io.newsstream.schema.StoryMember;
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
 *   → analyze: normalise, classify, fingerprint, enrich
 *   → dedup, the article waits (dedup-pending-store) while its anchors look for earlier articles:
 *       one lookup per anchor partition → news.dedup.anchor.v1 (key: anchor) → dedup-anchor-store (+ signatures) → answers
 *       → repartition "dedup-answers-by-article" (key: article id) → back to the waiting article, which also
 *       waits for the verdict of its best candidate if that is not out yet (dedup-article-story-store)
 *   → news.article.enriched.v1 (EnrichedArticle with verdict, every article, key: article id)
 *   → originals only → news.topic.&lt;label&gt; for each assigned label
 *   → every verdict is recorded at the article's anchor partitions → news.dedup.anchor.v1
 *   → repartition "story-by-cluster" → story-cluster-store → news.story.v1 (StoryCluster, key: cluster id)
 *   → match the subscriptions (global store, from news.alert.subscription.v1) → one batch of candidate alerts per
 *       article → repartition "alert-batch-by-story" → alert-story-store, once per story and subscription
 *       → news.alert.v1 (Alert, key: subscription id)
 * </pre>
 * Every processor, store and repartition topic is named: renaming one is a reviewed change (see the snapshot test).
 */
public final class PipelineTopology {

    static final String ANSWERS_REPARTITION = "dedup-answers-by-article";
    static final String STORY_REPARTITION = "story-by-cluster";
    static final String ALERT_REPARTITION = "alert-batch-by-story";

    private final NewsstreamConfig config;
    private final Topics topics;
    private final ArticleAnalyzer analyzer;
    private final List<String> labels;
    private final int rawPartitions;
    private final AnchorRouting routing;
    /** This instance's subscriptions, shared by the global thread that updates them and the tasks that match. */
    private final SubscriptionRegistry subscriptions = new SubscriptionRegistry();

    /**
     * @param rawPartitions    partitions of the raw topic: anchor answers are repartitioned to match, so they
     *                         meet their waiting article
     * @param anchorPartitions partitions of the anchor topic: an article sends one lookup per partition its
     *                         anchors fall on
     */
    public PipelineTopology(NewsstreamConfig config, Topics topics, ArticleAnalyzer analyzer, List<String> labels,
                            int rawPartitions, int anchorPartitions) {
        this.config = config;
        this.topics = topics;
        this.analyzer = analyzer;
        this.labels = List.copyOf(labels);
        this.rawPartitions = rawPartitions;
        this.routing = new AnchorRouting(anchorPartitions);
    }

    /** Builds the topology for the given Kafka Streams settings (which carry topology-level options). */
    public Topology build(Properties streamsProperties) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties)));
        addStores(builder);

        KStream<String, RawArticle> raw = builder.stream(topics.raw().name(),
                topics.raw().consumed("raw-source").withTimestampExtractor(new EventTime.OfRawArticle()));
        ArticleSizeLimit sizeLimit = new ArticleSizeLimit(config.maxArticleBytes());
        KStream<String, Analysis> analyzed = raw.mapValues(article -> analyzer.analyze(sizeLimit.check(article)),
                Named.as("analyze-node"));
        KStream<String, EnrichedArticle> deduplicated = dedup(builder, analyzed);
        deduplicated.to(topics.enriched().name(), topics.enriched().produced("enriched-sink"));
        routeOriginalsByLabel(deduplicated);
        recordVerdictsAtAnchors(deduplicated);
        publishStories(deduplicated);
        raiseAlerts(builder, deduplicated);
        return builder.build();
    }

    private KStream<String, EnrichedArticle> dedup(StreamsBuilder builder, KStream<String, Analysis> analyzed) {
        Topic<Long, AnchorProbe> anchors = topics.anchors();
        analyzed.flatMap((id, analysis) -> DedupMessages.probes(analysis, routing), Named.as("dedup-probe-node"))
                .to(anchors.name(), anchors.produced("dedup-probe-sink"));
        KStream<String, DedupMessage> answers = builder.stream(anchors.name(),
                        anchors.consumed("dedup-anchor-source").withTimestampExtractor(new EventTime.OfAnchorProbe()))
                .process(() -> new AnchorProcessor(new AnchorBuckets(SyndicationRule.DEFAULT, config.dedupAnchorCapacity()),
                        config.dedupRetention(), config.dedupEvictionInterval()), Named.as("dedup-anchor-node"),
                        AnchorProcessor.STORE, AnchorProcessor.SIGNATURES, AnchorProcessor.STORIES)
                .repartition(Repartitioned.<String, DedupMessage>as(ANSWERS_REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(AvroSerde.of(DedupMessage.class))
                        .withNumberOfPartitions(rawPartitions));
        return analyzed.mapValues(DedupMessages::waiting, Named.as("dedup-wait-node"))
                .merge(answers, Named.as("dedup-merge-node"))
                .process(() -> new VerdictProcessor(config.dedupAnswerTimeout(), config.dedupSettleWindow(), routing),
                        Named.as("dedup-verdict-node"), VerdictProcessor.ARTICLES, VerdictProcessor.ANSWERS);
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

    private void recordVerdictsAtAnchors(KStream<String, EnrichedArticle> articles) {
        Topic<Long, AnchorProbe> anchors = topics.anchors();
        articles.flatMap((id, article) -> DedupMessages.clusterUpdates(article, routing), Named.as("dedup-cluster-update-node"))
                .to(anchors.name(), anchors.produced("dedup-cluster-update-sink"));
    }

    private void publishStories(KStream<String, EnrichedArticle> articles) {
        Topic<String, StoryCluster> stories = topics.stories();
        articles.map((id, article) -> KeyValue.pair(article.getDedup().getClusterId(), DedupMessages.member(article)),
                        Named.as("story-member-node"))
                .repartition(Repartitioned.<String, StoryMember>as(STORY_REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(AvroSerde.of(StoryMember.class)))
                .process(() -> new StoryClusterProcessor(new StoryClusters(config.storyMaxMembers()), config.dedupRetention(),
                        config.dedupEvictionInterval()), Named.as("story-cluster-node"), StoryClusterProcessor.STORE)
                .to(stories.name(), stories.produced("story-sink"));
    }

    private void raiseAlerts(StreamsBuilder builder, KStream<String, EnrichedArticle> articles) {
        Topic<String, Subscription> subscriptionTopic = topics.subscriptions();
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SubscriptionStoreUpdater.STORE),
                        Serdes.String(), AvroSerde.of(Subscription.class)).withLoggingDisabled(),
                subscriptionTopic.name(), subscriptionTopic.consumed("alert-subscription-source"),
                () -> new SubscriptionStoreUpdater(subscriptions));
        Topic<String, Alert> alerts = topics.alerts();
        articles.process(() -> new AlertMatchProcessor(subscriptions), Named.as("alert-match-node"))
                .repartition(Repartitioned.<String, AlertBatch>as(ALERT_REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(AvroSerde.of(AlertBatch.class)))
                .process(() -> new OncePerStoryProcessor(config.dedupRetention(), config.dedupEvictionInterval()),
                        Named.as("alert-once-per-story-node"), OncePerStoryProcessor.STORE)
                .to(alerts.name(), alerts.produced("alert-sink"));
    }

    private static boolean hasLabel(EnrichedArticle article, String label) {
        return article.getTopics().stream().anyMatch(t -> t.getLabel().equals(label));
    }

    private static void addStores(StreamsBuilder builder) {
        // Anchor entries and signatures stay bytes: eviction reads only keys, and lookups decode just what they use.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AnchorProcessor.STORE),
                Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AnchorProcessor.SIGNATURES),
                Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AnchorProcessor.STORIES),
                Serdes.String(), AvroSerde.of(ArticleStory.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(VerdictProcessor.ARTICLES),
                Serdes.String(), AvroSerde.of(EnrichedArticle.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(VerdictProcessor.ANSWERS),
                Serdes.String(), AvroSerde.of(PendingDedup.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoryClusterProcessor.STORE),
                Serdes.String(), AvroSerde.of(StoryCluster.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OncePerStoryProcessor.STORE),
                Serdes.String(), AvroSerde.of(AlertedStory.class)));
    }
}
