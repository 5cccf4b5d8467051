package io.newsstream.pipeline;

import static io.newsstream.pipeline.PipelineFixtures.MONDAY;
import static io.newsstream.pipeline.PipelineFixtures.borderArrests;
import static io.newsstream.pipeline.PipelineFixtures.cartelLabRaid;
import static io.newsstream.pipeline.PipelineFixtures.cartelLabRaidSyndicated;
import static io.newsstream.pipeline.PipelineFixtures.snowStorm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.classify.KeywordClassifier;
import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.dedup.StoryClusters;
import io.newsstream.dedup.StoryDesk;
import io.newsstream.dedup.SyndicationRule;
import io.newsstream.kafka.AvroSerde;
import io.newsstream.schema.AlertCandidate;
import io.newsstream.schema.AnalyzedArticle;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.DedupVerdict;
import io.newsstream.schema.IndexedArticle;
import io.newsstream.schema.RawArticle;
import io.newsstream.schema.StoryState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The story stage's processor, driven record by record, its punctuator fired by hand. */
class StoryProcessorTest {

    private static final Duration RETENTION = Duration.ofDays(1);
    private static final Duration EVICTION = Duration.ofMinutes(10);

    private final NewsstreamConfig config = NewsstreamConfig.defaultConfig();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PipelineMetrics metrics = new PipelineMetrics(meters);
    private final ArticleAnalyzer analyzer = new ArticleAnalyzer(new KeywordClassifier(Taxonomy.builtIn()),
            Pipeline.signatures(config), Clock.fixed(MONDAY, ZoneOffset.UTC));
    private KeyValueStore<String, IndexedArticle> articles;
    private KeyValueStore<String, StoryState> stories;
    private MockProcessorContext<String, StoryOutput> context;
    private StoryProcessor processor;
    private long offset;

    @BeforeEach
    void createStores() {
        articles = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoryProcessor.ARTICLES), Serdes.String(),
                AvroSerde.of(IndexedArticle.class)).withLoggingDisabled().build();
        stories = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoryProcessor.STORIES), Serdes.String(),
                AvroSerde.of(StoryState.class)).withLoggingDisabled().build();
        startTask();
    }

    /** A task starting on the stores as they are: a new processor, whose index is rebuilt from them. */
    private void startTask() {
        context = new MockProcessorContext<>();
        context.setCurrentStreamTimeMs(0);
        context.setCurrentSystemTimeMs(MONDAY.toEpochMilli());
        if (processor == null) {
            articles.init(context.getStateStoreContext(), articles);
            stories.init(context.getStateStoreContext(), stories);
        }
        context.addStateStore(articles);
        context.addStateStore(stories);
        processor = new StoryProcessor(() -> new StoryDesk(SyndicationRule.DEFAULT, config.dedupAnchorCapacity(),
                config.dedupMaxCandidates()), new StoryClusters(config.storyMaxMembers()), RETENTION, EVICTION, metrics);
        processor.init(context);
    }

    private StoryOutput process(RawArticle raw, Instant publishedAt, String... subscriptions) {
        RawArticle at = RawArticle.newBuilder(raw).setPublishedAt(publishedAt).setIngestedAt(publishedAt).build();
        AnalyzedArticle analyzed = analyzer.analyze(at);
        analyzed.setAlerts(Arrays.stream(subscriptions).map(s -> new AlertCandidate(s, List.of("w"), "s")).toList());
        context.resetForwards();
        context.setRecordMetadata("story-by-shard", 0, offset++);
        context.setCurrentStreamTimeMs(Math.max(context.currentStreamTimeMs(), publishedAt.toEpochMilli()));
        processor.process(new Record<>(raw.getId(), analyzed, publishedAt.toEpochMilli()));
        assertEquals(1, context.forwarded().size());
        return context.forwarded().get(0).record().value();
    }

    private static DedupVerdict verdict(StoryOutput out) {
        return out.article().getDedup();
    }

    @Test
    void shouldMakeTheFirstArticleOfAStoryItsOriginalAndLaterCopiesJoinIt() {
        StoryOutput original = process(cartelLabRaid(), MONDAY);
        StoryOutput copy = process(cartelLabRaidSyndicated(), MONDAY.plusSeconds(60));
        StoryOutput other = process(snowStorm(), MONDAY.plusSeconds(90));
        assertEquals(DedupStatus.ORIGINAL, verdict(original).getStatus());
        assertEquals(DedupStatus.COPY, verdict(copy).getStatus());
        assertEquals("wire-lab-raid", verdict(copy).getClusterId());
        assertEquals("wire-lab-raid", verdict(copy).getCanonicalId());
        assertEquals(List.of("wire-lab-raid", "outlet-lab-raid"),
                copy.story().getMembers().stream().map(m -> m.getArticleId()).toList());
        assertEquals(DedupStatus.ORIGINAL, verdict(other).getStatus());
        assertEquals("wire-storm", other.story().getClusterId());
    }

    @Test
    void shouldCountVerdictsAlertsAndTheLatencyFromIngestOfEveryArticle() {
        context.setCurrentSystemTimeMs(MONDAY.plusSeconds(100).toEpochMilli());
        process(cartelLabRaid(), MONDAY, "labs");
        process(cartelLabRaidSyndicated(), MONDAY.plusSeconds(60), "labs", "navy");
        process(snowStorm(), MONDAY.plusSeconds(90));

        assertEquals(3.0, meters.get("newsstream.articles.in").tag("stage", "story").counter().count());
        assertEquals(3.0, meters.get("newsstream.articles.out").tag("stage", "story").counter().count());
        assertEquals(2.0, meters.get("newsstream.verdicts").tag("verdict", "original").counter().count());
        assertEquals(1.0, meters.get("newsstream.verdicts").tag("verdict", "copy").counter().count());
        assertEquals(2.0, meters.get("newsstream.alerts").counter().count(), "labs once for the story, navy once");
        Timer latency = meters.get("newsstream.end.to.end.latency").timer();
        assertEquals(3, latency.count());
        assertEquals(100_000 + 40_000 + 10_000, latency.totalTime(TimeUnit.MILLISECONDS), 0.5,
                "100, 40 and 10 s from each article's ingest to the stage's clock");
    }

    @Test
    void shouldMakeACopyThatArrivesFirstTheOriginalOfTheStory() {
        StoryOutput copy = process(cartelLabRaidSyndicated(), MONDAY.plusSeconds(60));
        StoryOutput wire = process(cartelLabRaid(), MONDAY);
        assertEquals(DedupStatus.ORIGINAL, verdict(copy).getStatus());
        assertEquals(DedupStatus.COPY, verdict(wire).getStatus());
        assertEquals("outlet-lab-raid", verdict(wire).getClusterId());
        // The story's canonical article is still the one published first.
        assertEquals("wire-lab-raid", wire.story().getCanonical().getArticleId());
    }

    @Test
    void shouldGiveAReplayedArticleItsVerdictAgainWithoutASecondAlert() {
        StoryOutput first = process(cartelLabRaid(), MONDAY, "labs");
        StoryOutput copy = process(cartelLabRaidSyndicated(), MONDAY.plusSeconds(60), "labs", "navy");
        StoryOutput replay = process(cartelLabRaid(), MONDAY, "labs");
        StoryOutput copyReplay = process(cartelLabRaidSyndicated(), MONDAY.plusSeconds(60), "labs", "navy");
        assertEquals(List.of("labs"), first.alerts().stream().map(a -> a.getSubscriptionId()).toList());
        assertEquals(List.of("navy"), copy.alerts().stream().map(a -> a.getSubscriptionId()).toList());
        assertEquals(verdict(first), verdict(replay));
        assertEquals(verdict(copy), verdict(copyReplay));
        assertEquals(List.of(), replay.alerts());
        assertEquals(List.of(), copyReplay.alerts());
        assertEquals(2, copyReplay.story().getMemberCount());
    }

    @Test
    void shouldGiveTheSameVerdictsAfterARestartRebuildsTheIndexFromTheStore() {
        process(cartelLabRaid(), MONDAY, "labs");
        process(borderArrests(), MONDAY.plusSeconds(30));
        startTask();
        StoryOutput copy = process(cartelLabRaidSyndicated(), MONDAY.plusSeconds(60), "labs");
        assertEquals(DedupStatus.COPY, verdict(copy).getStatus());
        assertEquals("wire-lab-raid", verdict(copy).getClusterId());
        assertEquals(List.of(), copy.alerts(), "the story alerted before the restart");
        assertEquals(DedupStatus.ORIGINAL, verdict(process(snowStorm(), MONDAY.plusSeconds(90))).getStatus());
    }

    @Test
    void shouldReportTheIndexSizeAsMetrics() {
        process(cartelLabRaid(), MONDAY);
        process(snowStorm(), MONDAY);
        startTask();
        assertEquals(2.0, metric("story-index-articles"));
        double bytes = metric("story-index-bytes");
        assertTrue(bytes > 2 * 100 && bytes < 64 * 1024, bytes + " bytes");
    }

    private double metric(String name) {
        return context.metrics().metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals("newsstream-story-metrics"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + name + " in " + context.metrics().metrics().keySet()));
    }

    @Test
    void shouldEvictArticlesAndStoriesOnceTheRetentionHasPassed() {
        process(cartelLabRaid(), MONDAY);
        process(snowStorm(), MONDAY.plus(Duration.ofDays(2)));
        context.setCurrentSystemTimeMs(MONDAY.plus(Duration.ofDays(2)).toEpochMilli());
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(context.currentSystemTimeMs());
        assertNull(articles.get("wire-lab-raid"));
        assertNull(stories.get("wire-lab-raid"));
        assertEquals("wire-storm", articles.get("wire-storm").getArticleId());
        StoryOutput lateCopy = process(cartelLabRaidSyndicated(), MONDAY.plus(Duration.ofDays(2)));
        assertEquals(DedupStatus.ORIGINAL, verdict(lateCopy).getStatus(), "its original is forgotten");
    }
}
