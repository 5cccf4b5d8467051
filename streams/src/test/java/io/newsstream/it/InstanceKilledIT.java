package io.newsstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.kafka.EmbeddedKafkaBroker;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.TopicProvisioner;
import io.newsstream.kafka.Topics;
import io.newsstream.loadtest.Workload;
import io.newsstream.pipeline.Pipeline;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.RawArticle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * then started again. Read {@code read_committed}, the enriched topic holds every input exactly once.
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
    void shouldProcessEveryArticleExactlyOnceWhenAnInstanceIsKilledMidStream() throws Exception {
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

        Process other = startOtherInstance(settings, work, "first");
        try (Pipeline local = Pipeline.start(config, clients, taxonomy);
             KafkaProducer<String, RawArticle> producer = new KafkaProducer<>(clients.producer(),
                     topics.raw().keySerde().serializer(), topics.raw().valueSerde().serializer())) {
            Workload workload = new Workload(11, 0.3, 1500);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < ARTICLES; i++) {
                RawArticle article = workload.next(Instant.now());
                ids.add(article.getId());
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
            List<String> out = PipelineScenario.readAtLeast(clients, topics.enriched().name(), ARTICLES, Duration.ofMinutes(5))
                    .stream().map(r -> topics.enriched().valueSerde().deserializer().deserialize(r.topic(), r.value()).getId())
                    .toList();
            Map<String, Long> counts = out.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertEquals(ids.size(), counts.size(), "every input came out");
            assertTrue(counts.values().stream().allMatch(n -> n == 1), "none came out twice: " + counts.entrySet().stream()
                    .filter(e -> e.getValue() > 1).limit(5).toList());
            assertEquals(ARTICLES, out.size());
        } finally {
            other.destroyForcibly().waitFor();
        }
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
