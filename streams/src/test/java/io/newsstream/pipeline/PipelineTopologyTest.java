package io.newsstream.pipeline;

import static io.newsstream.pipeline.PipelineFixtures.MONDAY;
import static io.newsstream.pipeline.PipelineFixtures.article;
import static io.newsstream.pipeline.PipelineFixtures.borderArrests;
import static io.newsstream.pipeline.PipelineFixtures.cartelLabRaid;
import static io.newsstream.pipeline.PipelineFixtures.cartelLabRaidSyndicated;
import static io.newsstream.pipeline.PipelineFixtures.snowStorm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.classify.MiniLmEncoder;
import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.Topics;
import io.newsstream.schema.Alert;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.MatchMethod;
import io.newsstream.schema.PipelineFailure;
import io.newsstream.schema.RawArticle;
import io.newsstream.schema.StoryCluster;
import io.newsstream.schema.Subscription;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTopologyTest {

    @TempDir
    Path stateDir;

    private final Taxonomy taxonomy = Taxonomy.builtIn();
    private TopologyTestDriver driver;
    private Topics topics;
    private TestInputTopic<String, RawArticle> raw;
    private TestOutputTopic<String, EnrichedArticle> enriched;

    @BeforeEach
    void startDriver() {
        start(NewsstreamConfig.defaultConfig());
    }

    private void start(NewsstreamConfig config) {
        if (driver != null) {
            driver.close();
        }
        topics = new Topics(config.topics());
        Properties props = Pipeline.streamsProperties(config.with(Map.of("state.dir", stateDir.toString())),
                new KafkaClients("localhost:9092", config));
        driver = new TopologyTestDriver(Pipeline.topology(config, topics, taxonomy, props), props);
        raw = driver.createInputTopic(topics.raw().name(), topics.raw().keySerde().serializer(), topics.raw().valueSerde().serializer());
        enriched = driver.createOutputTopic(topics.enriched().name(), topics.enriched().keySerde().deserializer(),
                topics.enriched().valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    /** Pipes an article published (and ingested) at {@code eventTime}: the pipeline takes event time from the value. */
    private void pipe(RawArticle article, Instant eventTime) {
        RawArticle at = RawArticle.newBuilder(article).setPublishedAt(eventTime).setIngestedAt(eventTime).build();
        raw.pipeInput(article.getId(), at, eventTime);
    }

    private TestOutputTopic<String, EnrichedArticle> labelTopic(String label) {
        return driver.createOutputTopic(topics.forLabel(label).name(), topics.enriched().keySerde().deserializer(),
                topics.enriched().valueSerde().deserializer());
    }

    private static List<String> keys(TestOutputTopic<String, ?> topic) {
        return topic.readKeyValuesToList().stream().map(kv -> kv.key).toList();
    }

    @Test
    void shouldPublishEveryArticleEnrichedAndKeyedById() {
        pipe(cartelLabRaid(), MONDAY);
        TestRecord<String, EnrichedArticle> out = enriched.readRecord();
        EnrichedArticle a = out.value();
        assertEquals("wire-lab-raid", out.key());
        assertEquals("wire-lab-raid.json", a.getOrigin());
        assertEquals(DedupStatus.ORIGINAL, a.getDedup().getStatus());
        assertEquals(List.of("cartels"), a.getTopics().stream().map(t -> t.getLabel()).toList());
        assertTrue(a.getBody().startsWith("CULIACÁN, Mexico — Mexican marines"), a.getBody());
        assertTrue(a.getClassifierVersion().startsWith("linear-1+" + MiniLmEncoder.NAME + "/"), a.getClassifierVersion());
        assertTrue(a.getWordCount() > 20);
        assertTrue(a.getKeywords().contains("fentanyl") || a.getKeywords().contains("cartel"), a.getKeywords().toString());
        assertTrue(enriched.isEmpty());
    }

    @Test
    void shouldMarkAnExactCopyAndKeepItOffTheLabelTopics() {
        TestOutputTopic<String, EnrichedArticle> cartels = labelTopic("cartels");
        pipe(cartelLabRaid(), MONDAY);
        pipe(cartelLabRaidSyndicated(), MONDAY.plusSeconds(600));
        List<EnrichedArticle> out = enriched.readValuesToList();
        assertEquals(2, out.size());
        EnrichedArticle copy = out.get(1);
        assertEquals(DedupStatus.COPY, copy.getDedup().getStatus());
        assertEquals(MatchMethod.EXACT, copy.getDedup().getMethod());
        assertEquals("wire-lab-raid", copy.getDedup().getClusterId());
        assertEquals("wire-lab-raid", copy.getDedup().getCanonicalId());
        assertEquals(List.of("wire-lab-raid"), keys(cartels));
    }

    @Test
    void shouldKeepOneRecordPerArticleAndOnePerStory() {
        pipe(cartelLabRaid(), MONDAY);
        pipe(cartelLabRaidSyndicated(), MONDAY.plusSeconds(600));
        pipe(snowStorm(), MONDAY.plusSeconds(900));
        assertEquals(3, enriched.readValuesToList().size());
        assertEquals(List.of("outlet-lab-raid", "wire-lab-raid", "wire-storm"), storeKeys(StoryProcessor.ARTICLES));
        assertEquals(List.of("wire-lab-raid", "wire-storm"), storeKeys(StoryProcessor.STORIES));
    }

    private List<String> storeKeys(String store) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Object> all = driver.<String, Object>getKeyValueStore(store).all()) {
            all.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    @Test
    void shouldPublishOneStoryRecordWithEveryOutlet() {
        TestOutputTopic<String, StoryCluster> stories = driver.createOutputTopic(topics.stories().name(),
                topics.stories().keySerde().deserializer(), topics.stories().valueSerde().deserializer());
        pipe(cartelLabRaid(), MONDAY);
        pipe(cartelLabRaidSyndicated(), MONDAY.plusSeconds(600));
        Map<String, StoryCluster> latest = stories.readKeyValuesToMap();
        assertEquals(List.of("wire-lab-raid"), List.copyOf(latest.keySet()));
        StoryCluster story = latest.get("wire-lab-raid");
        assertEquals(2, story.getMemberCount());
        assertEquals("wire-lab-raid", story.getCanonical().getArticleId());
        assertEquals(List.of("wire-lab-raid", "outlet-lab-raid"), story.getMembers().stream().map(m -> m.getArticleId()).toList());
    }

    @Test
    void shouldRouteOriginalsToTheTopicOfEachAssignedLabelOnly() {
        TestOutputTopic<String, EnrichedArticle> border = labelTopic("border-security");
        TestOutputTopic<String, EnrichedArticle> cartels = labelTopic("cartels");
        TestOutputTopic<String, EnrichedArticle> foreign = labelTopic("foreign-policy");
        pipe(borderArrests(), MONDAY);
        pipe(snowStorm(), MONDAY);
        pipe(cartelLabRaid(), MONDAY);
        assertEquals(List.of("wire-border"), keys(border));
        assertEquals(List.of("wire-lab-raid"), keys(cartels));
        assertTrue(foreign.isEmpty());
        assertEquals(3, enriched.readValuesToList().size());
    }

    @Test
    void shouldGiveTheSameVerdictWhenAnArticleIsReplayed() {
        pipe(cartelLabRaid(), MONDAY);
        pipe(cartelLabRaid(), MONDAY);
        List<EnrichedArticle> out = enriched.readValuesToList();
        assertEquals(out.get(0).getDedup(), out.get(1).getDedup());
        assertEquals(DedupStatus.ORIGINAL, out.get(1).getDedup().getStatus());
    }

    @Test
    void shouldFormOneStoryWhenTheCopyArrivesBeforeItsOriginal() {
        pipe(cartelLabRaidSyndicated(), MONDAY.plusSeconds(600));
        pipe(cartelLabRaid(), MONDAY);
        List<EnrichedArticle> out = enriched.readValuesToList();
        assertEquals(out.get(0).getDedup().getClusterId(), out.get(1).getDedup().getClusterId());
        assertEquals(DedupStatus.COPY, out.get(1).getDedup().getStatus());
    }

    @Test
    void shouldDeadLetterARecordWithoutValue() {
        raw.pipeInput("tombstone", null, MONDAY);
        TestOutputTopic<String, PipelineFailure> dlq = driver.createOutputTopic(topics.dlq().name(),
                topics.dlq().keySerde().deserializer(), topics.dlq().valueSerde().deserializer());
        PipelineFailure failure = dlq.readValue();
        assertEquals("analyze-node", failure.getProcessor());
        assertTrue(failure.getErrorMessage().contains("record has no value"), failure.getErrorMessage());
        assertTrue(enriched.isEmpty());
    }

    @Test
    void shouldForgetStoriesOnceTheirRetentionHasPassed() {
        start(NewsstreamConfig.defaultConfig().with(Map.of("dedup.retention", "1d", "dedup.eviction-interval", "1m")));
        pipe(cartelLabRaid(), MONDAY);
        pipe(snowStorm(), MONDAY.plus(Duration.ofDays(3)));
        driver.advanceWallClockTime(Duration.ofMinutes(2));
        // The storm, within the retention, is kept; the raid and its story are gone.
        assertEquals(List.of("wire-storm"), storeKeys(StoryProcessor.ARTICLES));
        assertEquals(List.of("wire-storm"), storeKeys(StoryProcessor.STORIES));
        RawArticle lateCopy = article("late-copy", "Lab raid, days later", PipelineFixtures.CARTEL_LAB_RAID_BODY);
        pipe(lateCopy, MONDAY.plus(Duration.ofDays(3)));
        List<EnrichedArticle> out = enriched.readValuesToList();
        assertEquals(DedupStatus.ORIGINAL, out.get(2).getDedup().getStatus());
        assertEquals("late-copy", out.get(2).getDedup().getClusterId());
    }

    @Test
    void shouldStillMatchCopiesWithinTheRetention() {
        start(NewsstreamConfig.defaultConfig().with(Map.of("dedup.retention", "7d", "dedup.eviction-interval", "1m")));
        pipe(cartelLabRaid(), MONDAY);
        pipe(snowStorm(), MONDAY.plus(Duration.ofDays(3)));
        driver.advanceWallClockTime(Duration.ofMinutes(2));
        pipe(article("late-copy", "Lab raid, days later", PipelineFixtures.CARTEL_LAB_RAID_BODY), MONDAY.plus(Duration.ofDays(3)));
        assertEquals(DedupStatus.COPY, enriched.readValuesToList().get(2).getDedup().getStatus());
    }

    private TestInputTopic<String, Subscription> subscriptionTopic() {
        return driver.createInputTopic(topics.subscriptions().name(), topics.subscriptions().keySerde().serializer(),
                topics.subscriptions().valueSerde().serializer());
    }

    private TestOutputTopic<String, Alert> alertTopic() {
        return driver.createOutputTopic(topics.alerts().name(), topics.alerts().keySerde().deserializer(),
                topics.alerts().valueSerde().deserializer());
    }

    private static Subscription subscription(String id, String query) {
        return Subscription.newBuilder().setId(id).setQuery(query).build();
    }

    @Test
    void shouldAlertOncePerStoryAndSubscriptionWhateverCopiesAndReplaysFollow() {
        TestInputTopic<String, Subscription> subscriptions = subscriptionTopic();
        TestOutputTopic<String, Alert> alerts = alertTopic();
        subscriptions.pipeInput("labs", subscription("labs", "fentanyl NEAR/10 lab"));
        subscriptions.pipeInput("snow", subscription("snow", "\"winter storm\" OR blizzard"));
        pipe(cartelLabRaid(), MONDAY);
        pipe(cartelLabRaidSyndicated(), MONDAY.plusSeconds(600));
        pipe(cartelLabRaid(), MONDAY);
        List<TestRecord<String, Alert>> raised = alerts.readRecordsToList();
        assertEquals(1, raised.size(), raised.toString());
        Alert alert = raised.get(0).value();
        assertEquals("labs", raised.get(0).key());
        assertEquals("wire-lab-raid", alert.getArticleId());
        assertEquals("wire-lab-raid", alert.getClusterId());
        assertEquals("wire-lab-raid.json", alert.getOrigin());
        assertTrue(alert.getMatched().containsAll(List.of("fentanyl", "lab")), alert.getMatched().toString());
        assertTrue(alert.getSnippet().contains("**"), alert.getSnippet());
    }

    @Test
    void shouldApplySubscriptionChangesWithoutARestart() {
        TestInputTopic<String, Subscription> subscriptions = subscriptionTopic();
        TestOutputTopic<String, Alert> alerts = alertTopic();
        subscriptions.pipeInput("storms", subscription("storms", "snow"));
        pipe(snowStorm(), MONDAY);
        assertEquals(List.of("storms"), keys(alerts));
        subscriptions.pipeInput("storms", (Subscription) null);
        subscriptions.pipeInput("cartels", Subscription.newBuilder(subscription("cartels", "marines OR troops"))
                .setTopics(List.of("cartels")).build());
        pipe(article("wire-storm-2", "More snow", "BOULDER — More snow fell on Sunday across the foothills."), MONDAY.plusSeconds(30));
        pipe(borderArrests(), MONDAY.plusSeconds(60));
        pipe(cartelLabRaid(), MONDAY.plusSeconds(120));
        assertEquals(List.of("cartels"), keys(alerts));
    }
}
