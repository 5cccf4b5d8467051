package io.newsstream.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.ingest.IngestReport;
import io.newsstream.ingest.Ingestor;
import io.newsstream.ingest.InputReader;
import io.newsstream.kafka.AvroSerde;
import io.newsstream.kafka.EmbeddedKafkaBroker;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.Topics;
import io.newsstream.pipeline.Pipeline;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.PipelineFailure;
import io.newsstream.schema.RawArticle;
import io.newsstream.schema.Subscription;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on the embedded broker, each with exact counts: articles published years ago survive the broker's
 * retention check before the pipeline runs, and poison records on the raw topic are dead-lettered with their
 * coordinates while the pipeline goes on.
 */
@Tag("reliability")
class ReliabilityIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path inputs;

    @BeforeAll
    static void startBroker() throws IOException {
        // The retention check runs every half second here (5 minutes by default), so "after the check" is soon.
        broker = EmbeddedKafkaBroker.start(0, PipelineScenario.testDir("reliability-broker-" + UUID.randomUUID()),
                Map.of("log.retention.check.interval.ms", "500"));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static NewsstreamConfig config(String run) throws IOException {
        Map<String, String> settings = new HashMap<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "application.id", "reliability-" + run,
                "partitions", "4",
                "state.dir", PipelineScenario.testDir("reliability-state-" + run).toString(),
                "topic.label-pattern", "rel." + run + ".topic.%s"));
        for (String topic : List.of("raw", "rejected", "enriched", "dlq", "stories", "subscriptions", "alerts")) {
            settings.put("topic." + topic, "rel." + run + "." + topic);
        }
        return NewsstreamConfig.defaultConfig().with(settings);
    }

    @Test
    void shouldKeepAndProcessArticlesPublishedYearsAgoAfterTheRetentionCheckHasRun() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        NewsstreamConfig config = config(run);
        KafkaClients clients = new KafkaClients(broker.bootstrapServers(), config);
        Topics topics = new Topics(config.topics());
        Taxonomy taxonomy = Taxonomy.load(config.taxonomyFile());
        int articles = 400;
        Path archive = inputs.resolve("archive-2019.jsonl");
        try (Writer w = Files.newBufferedWriter(archive, StandardCharsets.UTF_8)) {
            for (int i = 0; i < articles; i++) {
                w.write("{\"id\": \"old-" + i + "\", \"source\": \"Harbour Post\", \"title\": \"Harbour report " + i
                        + "\", \"publishedAt\": \"2019-0" + (1 + i % 9) + "-1" + (i % 10) + "T08:00:00Z\", \"body\": \"Dock workers at pier "
                        + i + " unloaded " + (i * 7 % 97) + " containers of grain on a quiet morning.\"}\n");
            }
        }
        io.newsstream.kafka.TopicProvisioner.ensureTopics(clients,
                topics.specs(topics.allNames(taxonomy.labelNames()), config.rawRetention()), config.partitions(),
                config.replicationFactor());
        IngestReport report;
        try (Ingestor ingestor = new Ingestor(clients, topics, Clock.systemUTC())) {
            report = ingestor.ingest(List.of(archive.toString()), new InputReader(config.maxArticleBytes(),
                    config.maxTitleChars(), Clock.systemUTC(), InputStream.nullInputStream()), outcome -> { });
        }
        assertEquals(articles, report.accepted());

        awaitRetentionCheck(clients, run);

        try (Pipeline pipeline = Pipeline.start(config, clients, taxonomy)) {
            List<EnrichedArticle> out = PipelineScenario.readAtLeast(clients, topics.enriched().name(), articles).stream()
                    .map(r -> topics.enriched().valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
            assertEquals(articles, out.size());
            assertEquals(articles, out.stream().map(EnrichedArticle::getId).distinct().count());
            assertEquals(Instant.parse("2019-01-10T08:00:00Z"),
                    out.stream().filter(a -> a.getId().equals("old-0")).findFirst().orElseThrow().getPublishedAt());
        }
        // A replay from the beginning still finds every article: nothing was deleted for being old news.
        assertEquals(articles, PipelineScenario.readAtLeast(clients, topics.raw().name(), articles).size());
        assertEquals(articles, endOffsets(clients, topics.raw().name()) - startOffsets(clients, topics.raw().name()));
    }

    @Test
    void shouldDeadLetterPoisonRecordsWithTheirCoordinatesAndGoOn() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        NewsstreamConfig config = config(run);
        KafkaClients clients = new KafkaClients(broker.bootstrapServers(), config);
        Topics topics = new Topics(config.topics());
        Taxonomy taxonomy = Taxonomy.load(config.taxonomyFile());
        try (Pipeline pipeline = Pipeline.start(config, clients, taxonomy);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer(), new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            byte[] randomBytes = new byte[300];
            new java.util.Random(3).nextBytes(randomBytes);
            byte[] otherSchema = AvroSerde.of(Subscription.class).encode(Subscription.newBuilder().setId("s").setQuery("port")
                    .setCreatedAt(Instant.now()).build());
            RawArticle good = RawArticle.newBuilder().setId("good-after-poison").setOrigin("good.json").setTitle("Port reopens")
                    .setBody("The harbour reopened on Tuesday after the storm had kept every ship at anchor for three days, "
                            + "the port authority said, and the first grain carriers were unloading by noon.")
                    .setIngestedAt(Instant.now()).build();
            byte[] goodBytes = AvroSerde.of(RawArticle.class).encode(good);
            byte[] truncated = Arrays.copyOf(goodBytes, goodBytes.length / 2);
            Map<String, byte[]> poison = Map.of("poison-random", randomBytes, "poison-schema", otherSchema,
                    "poison-truncated", truncated);
            // Keyed by article id and placed by Kafka's default partitioner, as ingest does.
            RawArticle before = RawArticle.newBuilder(good).setId("good-before-poison").setTitle("Port closes").build();
            producer.send(new ProducerRecord<>(topics.raw().name(), before.getId().getBytes(StandardCharsets.UTF_8),
                    AvroSerde.of(RawArticle.class).encode(before))).get();
            PipelineScenario.readAtLeast(clients, topics.enriched().name(), 1);
            Map<String, String> coordinates = new HashMap<>();
            for (Map.Entry<String, byte[]> p : poison.entrySet()) {
                var written = producer.send(new ProducerRecord<>(topics.raw().name(), p.getKey().getBytes(StandardCharsets.UTF_8),
                        p.getValue())).get();
                coordinates.put(p.getKey(), written.topic() + "-" + written.partition() + "@" + written.offset());
            }
            producer.send(new ProducerRecord<>(topics.raw().name(), good.getId().getBytes(StandardCharsets.UTF_8),
                    goodBytes)).get();

            List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> deadLetters =
                    PipelineScenario.readAtLeast(clients, topics.dlq().name(), 3);
            assertEquals(3, deadLetters.size());
            for (var r : deadLetters) {
                PipelineFailure f = topics.dlq().valueSerde().deserializer().deserialize(r.topic(), r.value());
                String key = new String(r.key(), StandardCharsets.UTF_8);
                assertEquals(coordinates.get(key), f.getTopic() + "-" + f.getPartition() + "@" + f.getOffset(), key);
                assertTrue(f.getErrorClass() != null && !f.getErrorMessage().isBlank(), f.toString());
                assertTrue(Arrays.equals(poison.get(key), f.getValue().array()), key);
            }
            List<String> enriched = new ArrayList<>();
            PipelineScenario.readAtLeast(clients, topics.enriched().name(), 2).forEach(r -> enriched.add(
                    topics.enriched().valueSerde().deserializer().deserialize(r.topic(), r.value()).getId()));
            assertEquals(List.of("good-before-poison", "good-after-poison"), enriched);
            assertEquals(org.apache.kafka.streams.KafkaStreams.State.RUNNING, pipeline.state());
        }
    }

    @Test
    void shouldDeadLetterAnArticleTooLargeForThePipelineAndGoOn() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path clientConfig = inputs.resolve("client.properties");
        // Written past ingest (which would refuse it), a 30 kB article meets a pipeline that takes 20 kB; its dead
        // letter with the article is over the producer's 20 kB too, and is written without the article's bytes.
        Files.writeString(clientConfig, "producer.max.request.size=20000\n");
        NewsstreamConfig config = config(run).with(Map.of("client.config", clientConfig.toString(), "ingest.max-bytes", "20000"));
        KafkaClients clients = new KafkaClients(broker.bootstrapServers(), config);
        Topics topics = new Topics(config.topics());
        Taxonomy taxonomy = Taxonomy.load(config.taxonomyFile());
        try (Pipeline pipeline = Pipeline.start(config, clients, taxonomy);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(new KafkaClients(broker.bootstrapServers(),
                     NewsstreamConfig.defaultConfig()).producer(), new ByteArraySerializer(), new ByteArraySerializer())) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; body.length() < 30_000; i++) {
                body.append("Paragraph ").append(i).append(": the inquiry heard evidence from harbour pilots on shift ")
                        .append(i * 13 % 101).append(".\n\n");
            }
            RawArticle huge = RawArticle.newBuilder().setId("huge-report").setOrigin("huge.json").setTitle("Inquiry report")
                    .setBody(body.toString()).setIngestedAt(Instant.now()).build();
            RawArticle small = RawArticle.newBuilder().setId("small-after-huge").setOrigin("small.json")
                    .setTitle("Ferry resumes").setBody("The ferry to the islands resumed its timetable on Wednesday morning, "
                            + "the operator said, after two days of cancellations.").setIngestedAt(Instant.now()).build();
            var written = producer.send(new ProducerRecord<>(topics.raw().name(), huge.getId().getBytes(StandardCharsets.UTF_8),
                    AvroSerde.of(RawArticle.class).encode(huge))).get();
            producer.send(new ProducerRecord<>(topics.raw().name(), small.getId().getBytes(StandardCharsets.UTF_8),
                    AvroSerde.of(RawArticle.class).encode(small))).get();

            List<String> enriched = new ArrayList<>();
            PipelineScenario.readAtLeast(clients, topics.enriched().name(), 1).forEach(r -> enriched.add(
                    topics.enriched().valueSerde().deserializer().deserialize(r.topic(), r.value()).getId()));
            assertEquals(List.of("small-after-huge"), enriched);
            PipelineFailure failure = topics.dlq().valueSerde().deserializer().deserialize("",
                    PipelineScenario.readAtLeast(clients, topics.dlq().name(), 1).get(0).value());
            assertEquals("java.lang.IllegalArgumentException", failure.getErrorClass());
            assertTrue(failure.getErrorMessage().startsWith("article huge-report has 30"), failure.getErrorMessage());
            assertTrue(failure.getErrorMessage().contains("bytes omitted: the dead letter would exceed max.request.size"),
                    failure.getErrorMessage());
            assertEquals(null, failure.getValue());
            assertEquals(written.topic() + "-" + written.partition() + "@" + written.offset(),
                    failure.getTopic() + "-" + failure.getPartition() + "@" + failure.getOffset());
            assertEquals(org.apache.kafka.streams.KafkaStreams.State.RUNNING, pipeline.state());
        }
    }

    @Test
    void shouldRecogniseACopyOfAnArticleSeenBeforeARestartAndNotAlertAgain() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // Kafka Streams does not leave its group on close: the restarted instance gets the partitions once the old
        // member's session expires, at the broker's shortest session here rather than the default 45 s.
        Path clientConfig = inputs.resolve("client.properties");
        Files.writeString(clientConfig, "session.timeout.ms=6000\n");
        NewsstreamConfig config = config(run).with(Map.of("client.config", clientConfig.toString()));
        KafkaClients clients = new KafkaClients(broker.bootstrapServers(), config);
        Topics topics = new Topics(config.topics());
        Taxonomy taxonomy = Taxonomy.load(config.taxonomyFile());
        Files.writeString(inputs.resolve("original.json"), """
                {"id": "wire-ferry", "source": "Island Wire", "title": "Ferry crew rescues fishermen",
                 "body": "The crew of the morning ferry rescued four fishermen whose boat capsized off the northern cape on Thursday, the coastguard said.\\n\\nAll four were taken to hospital in good condition, and the boat was towed to harbour by a lifeboat."}
                """);
        Files.writeString(inputs.resolve("copy.txt"), """
                Fishermen rescued by ferry crew

                The crew of the morning ferry rescued four fishermen whose boat capsized off the northern cape on Thursday, the coastguard said.

                All four were taken to hospital in good condition, and the boat was towed to harbour by a lifeboat.
                """);
        try (Pipeline pipeline = Pipeline.start(config, clients, taxonomy);
             KafkaProducer<String, Subscription> producer = new KafkaProducer<>(clients.producer(),
                     topics.subscriptions().keySerde().serializer(), topics.subscriptions().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.subscriptions().name(), "ferries",
                    io.newsstream.alert.Subscriptions.of("ferries", "ferry AND fishermen", List.of(), Instant.now()))).get();
            ingest(clients, topics, config, inputs.resolve("original.json"));
            PipelineScenario.readAtLeast(clients, topics.alerts().name(), 1);
        }
        // A new instance: its state comes back from the changelogs.
        try (Pipeline restarted = Pipeline.start(config, clients, taxonomy)) {
            ingest(clients, topics, config, inputs.resolve("copy.txt"));
            List<EnrichedArticle> out = PipelineScenario.readAtLeast(clients, topics.enriched().name(), 2).stream()
                    .map(r -> topics.enriched().valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
            EnrichedArticle copy = out.stream().filter(a -> !a.getId().equals("wire-ferry")).findFirst().orElseThrow();
            assertEquals(io.newsstream.schema.DedupStatus.COPY, copy.getDedup().getStatus());
            assertEquals("wire-ferry", copy.getDedup().getClusterId());
        }
        // The story stage writes an article's alerts in the transaction of its enriched event: the copy is out, so
        // any alert it raised would be too.
        assertEquals(1, PipelineScenario.readAtLeast(clients, topics.alerts().name(), 1).size());
    }

    private static void ingest(KafkaClients clients, Topics topics, NewsstreamConfig config, Path input) {
        try (Ingestor ingestor = new Ingestor(clients, topics, Clock.systemUTC())) {
            IngestReport report = ingestor.ingest(List.of(input.toString()), new InputReader(config.maxArticleBytes(),
                    config.maxTitleChars(), Clock.systemUTC(), InputStream.nullInputStream()), outcome -> { });
            assertEquals(1, report.accepted());
        }
    }

    /**
     * Waits until the broker has run a retention check: a canary topic with a 1-day retention holds a record stamped
     * (CreateTime) years ago, and its log start moves once the check has deleted it.
     */
    private static void awaitRetentionCheck(KafkaClients clients, String run) throws Exception {
        String canary = "rel." + run + ".retention-canary";
        try (Admin admin = Admin.create(clients.common())) {
            admin.createTopics(List.of(new NewTopic(canary, 1, (short) 1).configs(Map.of(
                    "retention.ms", String.valueOf(Duration.ofDays(1).toMillis()),
                    "message.timestamp.type", "CreateTime",
                    "message.timestamp.before.max.ms", String.valueOf(Long.MAX_VALUE))))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(canary, 0, Instant.parse("2019-01-01T00:00:00Z").toEpochMilli(),
                    new byte[0], new byte[] {1})).get();
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> startOffsets(clients, canary) > 0);
    }

    private static long startOffsets(KafkaClients clients, String topic) throws Exception {
        return offsets(clients, topic, OffsetSpec.earliest());
    }

    private static long endOffsets(KafkaClients clients, String topic) throws Exception {
        return offsets(clients, topic, OffsetSpec.latest());
    }

    private static long offsets(KafkaClients clients, String topic, OffsetSpec spec) throws Exception {
        try (Admin admin = Admin.create(clients.common())) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), spec);
            }
            return admin.listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }
}
