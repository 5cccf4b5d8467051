package io.newsstream.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.config.NewsstreamConfig;
import io.newsstream.ingest.IngestReport;
import io.newsstream.ingest.Ingestor;
import io.newsstream.ingest.InputReader;
import io.newsstream.kafka.EmbeddedKafkaBroker;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.TopicProvisioner;
import io.newsstream.kafka.Topics;
import io.newsstream.schema.RawArticle;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stopped and started again on the same data directory and port while ingest writes: the idempotent
 * producer retries through the outage, and the raw topic holds every article exactly once.
 */
@Tag("reliability")
class BrokerRestartIT {

    @TempDir
    Path inputs;

    @Test
    void shouldLoseAndDuplicateNothingWhenTheBrokerRestartsDuringIngest() throws Exception {
        int port = freePort();
        Path data = PipelineScenario.testDir("restart-broker-" + UUID.randomUUID());
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, data);
        NewsstreamConfig config = NewsstreamConfig.defaultConfig().with(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "partitions", "4"));
        KafkaClients clients = new KafkaClients(broker.bootstrapServers(), config);
        Topics topics = new Topics(config.topics());
        TopicProvisioner.ensureTopics(clients, topics.specs(List.of(topics.raw().name(), topics.rejected().name()),
                config.rawRetention()), config.partitions(), config.replicationFactor());
        int articles = 60_000;
        Path archive = inputs.resolve("wire.jsonl");
        try (Writer w = Files.newBufferedWriter(archive, StandardCharsets.UTF_8)) {
            for (int i = 0; i < articles; i++) {
                w.write("{\"id\": \"wire-" + i + "\", \"title\": \"Bulletin " + i + "\", \"body\": \"Bulletin number " + i
                        + " from the wire desk.\"}\n");
            }
        }
        AtomicLong read = new AtomicLong();
        CompletableFuture<IngestReport> ingest = CompletableFuture.supplyAsync(() -> {
            try (Ingestor ingestor = new Ingestor(clients, topics, Clock.systemUTC())) {
                return ingestor.ingest(List.of(archive.toString()), new InputReader(config.maxArticleBytes(),
                        config.maxTitleChars(), Clock.systemUTC(), InputStream.nullInputStream()), o -> read.incrementAndGet());
            }
        });
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> read.get() > articles / 20);
        assertFalse(ingest.isDone(), "the broker goes down while ingest is writing");
        broker.close();
        EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(port, data);
        try {
            IngestReport report = ingest.get(3, TimeUnit.MINUTES);
            assertEquals(articles, report.accepted());
            List<RawArticle> raw = PipelineScenario.readAtLeast(clients, topics.raw().name(), articles).stream()
                    .map(r -> topics.raw().valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
            assertEquals(articles, raw.size(), "no record twice");
            assertEquals(articles, raw.stream().map(RawArticle::getId).distinct().count(), "no article lost");
        } finally {
            restarted.close();
        }
    }

    @Test
    void shouldLoseAndDuplicateNothingWhenTheBrokerRestartsDuringProcessing() throws Exception {
        int port = freePort();
        Path data = PipelineScenario.testDir("restart-broker-" + UUID.randomUUID());
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, data);
        String run = UUID.randomUUID().toString().substring(0, 8);
        NewsstreamConfig config = NewsstreamConfig.defaultConfig().with(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "partitions", "4", "application.id", "restart-" + run,
                "state.dir", PipelineScenario.testDir("restart-state-" + run).toString()));
        KafkaClients clients = new KafkaClients(broker.bootstrapServers(), config);
        Topics topics = new Topics(config.topics());
        io.newsstream.classify.Taxonomy taxonomy = io.newsstream.classify.Taxonomy.load(config.taxonomyFile());
        // Enough that the pipeline is still at work when the broker goes down a moment after the first output.
        int articles = 10_000;
        Path archive = inputs.resolve("desk.jsonl");
        try (Writer w = Files.newBufferedWriter(archive, StandardCharsets.UTF_8)) {
            for (int i = 0; i < articles; i++) {
                w.write("{\"id\": \"desk-" + i + "\", \"title\": \"Desk note " + i + "\", \"body\": \"Note " + i
                        + " of the night desk: " + Integer.toHexString(i * 2654435761L > 0 ? i * 40503 : i) + " items filed, "
                        + (i % 17) + " corrections, shift " + (i % 5) + ".\"}\n");
            }
        }
        EmbeddedKafkaBroker restarted = null;
        try (io.newsstream.pipeline.Pipeline pipeline = io.newsstream.pipeline.Pipeline.start(config, clients, taxonomy)) {
            try (Ingestor ingestor = new Ingestor(clients, topics, Clock.systemUTC())) {
                ingestor.ingest(List.of(archive.toString()), new InputReader(config.maxArticleBytes(),
                        config.maxTitleChars(), Clock.systemUTC(), InputStream.nullInputStream()), o -> { });
            }
            PipelineScenario.readAtLeast(clients, topics.enriched().name(), 1);
            // End offsets count transaction markers too: below the article count, some articles are not out yet.
            assertTrue(endOffsets(clients, topics.enriched().name()) < articles, "the broker goes down while the pipeline is processing");
            broker.close();
            restarted = EmbeddedKafkaBroker.start(port, data);
            List<String> ids = PipelineScenario.readAtLeast(clients, topics.enriched().name(), articles, Duration.ofMinutes(4)).stream()
                    .map(r -> topics.enriched().valueSerde().deserializer().deserialize(r.topic(), r.value()).getId())
                    .toList();
            assertEquals(articles, ids.stream().distinct().count(), "no article lost");
            assertEquals(articles, ids.size(), "no article twice");
        } finally {
            if (restarted != null) {
                restarted.close();
            }
        }
    }

    private static long endOffsets(KafkaClients clients, String topic) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(clients.common())) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> request = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new org.apache.kafka.common.TopicPartition(topic, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            return admin.listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
