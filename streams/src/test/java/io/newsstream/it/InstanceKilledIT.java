package io.newsstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.alert.AlertMatcher;
import io.newsstream.alert.SubscriptionRegistry;
import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.kafka.EmbeddedKafkaBroker;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.TopicProvisioner;
import io.newsstream.kafka.Topics;
import io.newsstream.loadtest.SubscriptionWorkload;
import io.newsstream.loadtest.Workload;
import io.newsstream.pipeline.ArticleAnalyzer;
import io.newsstream.pipeline.Pipeline;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.RawArticle;
import io.newsstream.schema.Subscription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two instances on four partitions; one — a separate JVM — is killed (SIGKILL, no clean close) while articles flow,
 * then started again. Read {@code read_committed}, the enriched topic holds every input exactly once, every story
 * has one original and holds all its copies, and each subscription hears of each story once — as if nothing had
 * happened. Whichever instance ran the story task, the kill moves or restarts it: its index is rebuilt from the
 * restored store.
 */
@Tag("reliability")
class InstanceKilledIT {

    private static final int ARTICLES = 4_000;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws IOException {
        broker = EmbeddedKafkaBroker.start(0, PipelineScenario.testDir("killed-broker-" + UUID.randomUUID()));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldProcessEveryArticleExactlyOnceWithItsStoryAndAlertsWhenAnInstanceIsKilledMidStream() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path work = PipelineScenario.testDir("killed-" + run);
        // The killed member never leaves its group: its partitions move once its session expires, here in 6 s.
        Path clientConfig = work.resolve("client.properties");
        Files.writeString(clientConfig, "session.timeout.ms=6000\n");
        Map<String, String> settings = new HashMap<>(Map.of("application.id", "killed-" + run, "partitions", "4",
                "stream.threads", "1", "client.config", clientConfig.toString(),
                "topic.label-pattern", "killed." + run + ".topic.%s"));
        for (String topic : List.of("raw", "rejected", "enriched", "dlq", "stories", "subscriptions", "alerts")) {
            settings.put("topic." + topic, "killed." + run + "." + topic);
        }
        NewsstreamConfig config = NewsstreamConfig.defaultConfig().with(settings)
                .with(Map.of("bootstrap.servers", broker.bootstrapServers(), "state.dir", work.resolve("state-a").toString()));
        KafkaClients clients = new KafkaClients(broker.bootstrapServers(), config);
        Topics topics = new Topics(config.topics());
        Taxonomy taxonomy = Taxonomy.load(config.taxonomyFile());
        TopicProvisioner.ensureTopics(clients, topics.specs(topics.allNames(taxonomy.labelNames()), config.rawRetention()),
                config.partitions(), config.replicationFactor());

        List<Subscription> subscriptions = SubscriptionWorkload.generate(20, 7);
        try (KafkaProducer<String, Subscription> producer = new KafkaProducer<>(clients.producer(),
                topics.subscriptions().keySerde().serializer(), topics.subscriptions().valueSerde().serializer())) {
            for (Subscription s : subscriptions) {
                producer.send(new ProducerRecord<>(topics.subscriptions().name(), s.getId(), s)).get();
            }
        }
        Process other = startOtherInstance(settings, work, "first");
        try (Pipeline local = Pipeline.start(config, clients, taxonomy);
             KafkaProducer<String, RawArticle> producer = new KafkaProducer<>(clients.producer(),
                     topics.raw().keySerde().serializer(), topics.raw().valueSerde().serializer())) {
            Workload workload = new Workload(11, 0.3, 1500);
            List<String> ids = new ArrayList<>();
            List<RawArticle> sent = new ArrayList<>();
            for (int i = 0; i < ARTICLES; i++) {
                RawArticle article = workload.next(Instant.now());
                ids.add(article.getId());
                sent.add(article);
                producer.send(new ProducerRecord<>(topics.raw().name(), article.getId(), article));
                if (i == ARTICLES / 2) {
                    producer.flush();
                    // Kill the other instance once both have work in flight.
                    PipelineScenario.readAtLeast(clients, topics.enriched().name(), ARTICLES / 10);
                    other.destroyForcibly().waitFor();
                    other = startOtherInstance(settings, work, "restarted");
                }
            }
            producer.flush();
            List<EnrichedArticle> enriched = PipelineScenario.readAtLeast(clients, topics.enriched().name(), ARTICLES,
                            Duration.ofMinutes(5)).stream()
                    .map(r -> topics.enriched().valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
            List<String> out = enriched.stream().map(EnrichedArticle::getId).toList();
            Map<String, Long> counts = out.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertEquals(ids.size(), counts.size(), "every input came out");
            assertTrue(counts.values().stream().allMatch(n -> n == 1), "none came out twice: " + counts.entrySet().stream()
                    .filter(e -> e.getValue() > 1).limit(5).toList());
            assertEquals(ARTICLES, out.size());
            assertStoriesAsWritten(enriched, workload);
            assertOneAlertPerStoryAndSubscription(clients, topics, config, taxonomy, subscriptions, sent, enriched);
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    /** Each of the workload's stories is one cluster, with exactly one original. */
    private static void assertStoriesAsWritten(List<EnrichedArticle> enriched, Workload workload) {
        Map<String, Set<String>> clustersByStory = new HashMap<>();
        Map<String, Long> originalsByCluster = new HashMap<>();
        for (EnrichedArticle a : enriched) {
            clustersByStory.computeIfAbsent(workload.storyOf(a.getId()), s -> new HashSet<>()).add(a.getDedup().getClusterId());
            if (a.getDedup().getStatus() == DedupStatus.ORIGINAL) {
                originalsByCluster.merge(a.getDedup().getClusterId(), 1L, Long::sum);
            }
        }
        assertTrue(clustersByStory.values().stream().allMatch(c -> c.size() == 1), "a story split across clusters: "
                + clustersByStory.entrySet().stream().filter(e -> e.getValue().size() > 1).limit(3).toList());
        assertEquals(clustersByStory.size(), originalsByCluster.size(), "one cluster per story");
        assertTrue(originalsByCluster.values().stream().allMatch(n -> n == 1), "one original per story");
    }

    /**
     * The alerts are exactly one per story and matching subscription: the matches computed here with the same
     * analysis, gathered per story as the pipeline clustered it.
     */
    private static void assertOneAlertPerStoryAndSubscription(KafkaClients clients, Topics topics, NewsstreamConfig config,
            Taxonomy taxonomy, List<Subscription> subscriptions, List<RawArticle> sent, List<EnrichedArticle> enriched) {
        SubscriptionRegistry registry = new SubscriptionRegistry();
        subscriptions.forEach(registry::put);
        ArticleAnalyzer analyzer = new ArticleAnalyzer(Pipeline.classifier(config, taxonomy), Pipeline.signatures(config),
                Clock.systemUTC());
        Map<String, String> clusterOf = enriched.stream()
                .collect(Collectors.toMap(EnrichedArticle::getId, a -> a.getDedup().getClusterId()));
        Set<String> expected = new HashSet<>();
        for (RawArticle article : sent) {
            AlertMatcher.candidatesFor(analyzer.enrich(article), registry.index())
                    .forEach(c -> expected.add(c.getSubscriptionId() + " " + clusterOf.get(article.getId())));
        }
        List<String> alerted = PipelineScenario.readToEnd(clients, topics.alerts().name()).stream()
                .map(r -> topics.alerts().valueSerde().deserializer().deserialize(r.topic(), r.value()))
                .map(a -> a.getSubscriptionId() + " " + a.getClusterId()).toList();
        assertTrue(expected.size() > 100, "the subscriptions match a good share of the workload: " + expected.size());
        assertEquals(alerted.size(), Set.copyOf(alerted).size(), "no story alerted a subscription twice");
        assertEquals(expected, Set.copyOf(alerted));
    }

    /** Another instance of the same application, as its own JVM, so it can be killed like a crashed host. */
    private static Process startOtherInstance(Map<String, String> settings, Path work, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.newsstream.cli.Newsstream", "run",
                "--bootstrap-servers", broker.bootstrapServers(), "--set", "state.dir=" + work.resolve("state-b")));
        settings.forEach((k, v) -> {
            command.add("--set");
            command.add(k + "=" + v);
        });
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("instance-" + name + ".log").toFile()).start();
        return process;
    }
}
