package io.newsstream.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.cli.Newsstream;
import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.Topics;
import io.newsstream.pipeline.Pipeline;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.PipelineFailure;
import io.newsstream.schema.RejectedArticle;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The foundation scenario on a real broker: files in → {@code ingest} → {@code run} → enriched and per-topic
 * topics out, with a rejected input, an exact syndicated copy and an undecodable record. Subclasses say
 * which broker: the embedded one, or a container where Docker exists.
 */
abstract class PipelineScenario {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path inputs;

    /** Bootstrap servers of the broker under test. */
    abstract String bootstrapServers();

    private static final String WIRE_STORY = """
            {"id": "wire-tunnel", "source": "Desert Wire", "title": "Agents find drug tunnel under the border",
             "publishedAt": "2026-11-02T10:00:00Z",
             "body": "NOGALES, Ariz. (Desert Wire) — Border Patrol agents found a tunnel under the U.S.-Mexico border and seized cocaine that investigators tied to a cartel smuggling network.\\n\\nThe tunnel ended near the port of entry, officials said."}
            """;
    private static final String SYNDICATED_COPY = """
            Drug tunnel found beneath Nogales crossing

            By Staff and Wire Reports

            NOGALES, Ariz. &mdash; Border Patrol agents found a tunnel under the US-Mexico border and seized cocaine that investigators tied to a cartel smuggling network.

            The tunnel ended near the port of entry, officials said.

            Copyright 2026 The Valley Sentinel. All rights reserved.
            """;

    @Test
    void shouldTurnFilesIntoEnrichedAndPerTopicEventsWithRejectionsAndFailuresKept() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        NewsstreamConfig config = NewsstreamConfig.defaultConfig().with(Map.of(
                "bootstrap.servers", bootstrapServers(),
                "application.id", "newsstream-it-" + run,
                "partitions", "4",
                "state.dir", testDir("state-" + run).toString(),
                "topic.raw", "it." + run + ".raw", "topic.rejected", "it." + run + ".rejected",
                "topic.enriched", "it." + run + ".enriched", "topic.dlq", "it." + run + ".dlq",
                "topic.label-pattern", "it." + run + ".topic.%s"));
        Topics topics = new Topics(config.topics());
        KafkaClients clients = new KafkaClients(bootstrapServers(), config);

        Files.writeString(inputs.resolve("wire.json"), WIRE_STORY);
        Files.writeString(inputs.resolve("copy.txt"), SYNDICATED_COPY);
        Files.writeString(inputs.resolve("broken.json"), "{\"title\": \"no body\"");
        Files.writeString(inputs.resolve("empty.txt"), "Headline only\n");

        int exit = Newsstream.commandLine().execute("ingest", "--bootstrap-servers", bootstrapServers(),
                "--set", "topic.raw=" + config.topics().raw(), "--set", "topic.rejected=" + config.topics().rejected(),
                "--set", "partitions=4", inputs.toString());
        assertEquals(1, exit, "ingest exits 1 when some inputs were rejected");
        sendUndecodableRecord(clients, config.topics().raw());

        try (Pipeline pipeline = Pipeline.start(config, clients, Taxonomy.builtIn())) {
            List<EnrichedArticle> enriched = readAtLeast(clients, topics.enriched().name(), 2).stream()
                    .map(r -> topics.enriched().valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
            EnrichedArticle original = enriched.stream().filter(a -> a.getId().equals("wire-tunnel")).findFirst().orElseThrow();
            EnrichedArticle copy = enriched.stream().filter(a -> a.getOrigin().equals("copy.txt")).findFirst().orElseThrow();
            // Both were in Kafka before the pipeline started: whichever it processed first founds the story.
            assertEquals(Set.of(DedupStatus.ORIGINAL, DedupStatus.COPY),
                    Set.of(original.getDedup().getStatus(), copy.getDedup().getStatus()));
            assertEquals(original.getDedup().getClusterId(), copy.getDedup().getClusterId());
            EnrichedArticle founder = original.getDedup().getStatus() == DedupStatus.ORIGINAL ? original : copy;
            assertTrue(original.getTopics().stream().anyMatch(t -> t.getLabel().equals("border-security")));
            assertEquals(original.getTopics().stream().map(t -> t.getLabel()).toList(),
                    copy.getTopics().stream().map(t -> t.getLabel()).toList(), "copies get the same labels");

            List<ConsumerRecord<byte[], byte[]>> border = readAtLeast(clients, topics.forLabel("border-security").name(), 1);
            assertEquals(List.of(founder.getId()), border.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList(),
                    "only the original reaches the label topic");

            PipelineFailure failure = topics.dlq().valueSerde().deserializer()
                    .deserialize("", readAtLeast(clients, topics.dlq().name(), 1).get(0).value());
            assertEquals(config.topics().raw(), failure.getTopic());
            assertEquals("poison-1", failure.getArticleId());
            assertTrue(failure.getOffset() >= 0);
            assertNotNull(failure.getValue());
        }

        StringWriter tailed = new StringWriter();
        CommandLine tail = Newsstream.commandLine();
        tail.setOut(new PrintWriter(tailed));
        assertEquals(0, tail.execute("tail", "--bootstrap-servers", bootstrapServers(), "--topic", topics.enriched().name(),
                "--from-beginning", "--max", "2"));
        List<String> lines = tailed.toString().lines().toList();
        assertEquals(2, lines.size(), tailed.toString());
        assertTrue(lines.stream().allMatch(l -> l.contains("\"classifierVersion\"")), tailed.toString());

        List<String> reasons = readAtLeast(clients, topics.rejected().name(), 2).stream()
                .map(r -> topics.rejected().valueSerde().deserializer().deserialize(r.topic(), r.value()))
                .map(RejectedArticle::getReason).sorted().toList();
        assertTrue(reasons.get(0).startsWith("body is empty"), reasons.toString());
        assertTrue(reasons.get(1).startsWith("invalid JSON"), reasons.toString());
    }

    private static void sendUndecodableRecord(KafkaClients clients, String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "poison-1".getBytes(StandardCharsets.UTF_8),
                    "not an article".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    /** Polls a topic from the beginning until it holds at least {@code count} committed records. */
    static List<ConsumerRecord<byte[], byte[]>> readAtLeast(KafkaClients clients, String topic, int count) {
        return readAtLeast(clients, topic, count, WAIT);
    }

    /** As above, waiting at most {@code wait}. */
    static List<ConsumerRecord<byte[], byte[]>> readAtLeast(KafkaClients clients, String topic, int count, Duration wait) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.readCommittedConsumer(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            await().atMost(WAIT).until(() -> !consumer.partitionsFor(topic).isEmpty());
            consumer.assign(consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList());
            consumer.seekToBeginning(consumer.assignment());
            await().atMost(wait).pollInterval(Duration.ofMillis(50)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
        }
        return records;
    }

    /** Every committed record a topic holds now: read from the beginning to its last stable offset. */
    static List<ConsumerRecord<byte[], byte[]>> readToEnd(KafkaClients clients, String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.readCommittedConsumer(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList());
            consumer.seekToBeginning(consumer.assignment());
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return consumer.assignment().stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
            });
        }
        return records;
    }

    static Path testDir(String name) throws IOException {
        Path dir = Path.of(System.getProperty("newsstream.test.dir", "target/test-data")).resolve(name);
        Files.createDirectories(dir);
        return dir;
    }
}
