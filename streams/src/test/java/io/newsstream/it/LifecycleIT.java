package io.newsstream.it;

import static io.newsstream.it.PipelineScenario.readAtLeast;
import static io.newsstream.it.PipelineScenario.readToEnd;
import static io.newsstream.it.PipelineScenario.testDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.ingest.ArticleParser;
import io.newsstream.ingest.IngestOutcome;
import io.newsstream.ingest.Ingestor;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.TopicProvisioner;
import io.newsstream.kafka.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code newsstream run} as operators run it: a separate process, stopped with SIGTERM in the middle of its work.
 * Nothing is lost or written twice (read committed), the stop is orderly, and the logs are JSON when asked.
 */
class LifecycleIT {

    private static final int ARTICLES = 3000;
    @RegisterExtension
    static final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    void shouldStopOnSigtermMidWayAndLoseNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> settings = Map.of("application.id", "lifecycle-" + run, "partitions", "2",
                "state.dir", testDir("state-" + run).toString(), "topic.raw", "l." + run + ".raw",
                "topic.rejected", "l." + run + ".rejected", "topic.enriched", "l." + run + ".enriched",
                "topic.dlq", "l." + run + ".dlq", "topic.label-pattern", "l." + run + ".topic.%s");
        NewsstreamConfig config = NewsstreamConfig.defaultConfig().with(settings)
                .with(Map.of("bootstrap.servers", broker.bootstrapServers()));
        KafkaClients clients = new KafkaClients(broker.bootstrapServers(), config);
        Topics topics = new Topics(config.topics());
        TopicProvisioner.ensureIngestTopics(clients, config);
        try (Ingestor ingestor = new Ingestor(clients, topics, Clock.systemUTC())) {
            ingestor.writeAndWait(articles());
        }

        Path firstLog = testDir("lifecycle-" + run).resolve("first.log");
        Process first = startRun(settings, firstLog);
        try {
            readAtLeast(clients, topics.enriched().name(), 1, Duration.ofSeconds(120));
            first.destroy(); // SIGTERM, as soon as the first articles are out: mid-way through the 3,000
            assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the process stops within a minute of SIGTERM");
        } finally {
            first.destroyForcibly();
        }
        assertEquals(143, first.exitValue(), "the exit status of a process ended by SIGTERM, after its shutdown hooks");
        assertOrderlyJsonLog(firstLog);

        Process second = startRun(settings, testDir("lifecycle-" + run).resolve("second.log"));
        try {
            readAtLeast(clients, topics.enriched().name(), ARTICLES, Duration.ofSeconds(180));
        } finally {
            second.destroy();
            if (!second.waitFor(60, TimeUnit.SECONDS)) {
                second.destroyForcibly();
            }
        }
        List<ConsumerRecord<byte[], byte[]>> enriched = readToEnd(clients, topics.enriched().name());
        Set<String> ids = new HashSet<>();
        enriched.forEach(r -> ids.add(new String(r.key(), StandardCharsets.UTF_8)));
        assertEquals(ARTICLES, ids.size(), "every article came out");
        assertEquals(ARTICLES, enriched.size(), "and none twice");
    }

    /** {@code newsstream run} in its own JVM, on this test's classpath, logging JSON to a file. */
    private static Process startRun(Map<String, String> settings, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The application's own logging, not the tests' (log4j2-test.xml, which writes to a file).
                "-Dlog4j2.configurationFile=classpath:log4j2.xml",
                "-cp", System.getProperty("java.class.path"), "io.newsstream.cli.Newsstream", "run",
                "--bootstrap-servers", broker.bootstrapServers()));
        settings.forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("NEWSSTREAM_LOG_FORMAT", "json");
        builder.environment().put("NEWSSTREAM_LOG_LEVEL", "INFO");
        return builder.start();
    }

    /** Every log line is a JSON object, and the pipeline went through its shutdown to NOT_RUNNING. */
    private static void assertOrderlyJsonLog(Path log) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> messages = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                assertTrue(line.startsWith("{") && line.endsWith("}"), "a log line that is not JSON: " + line);
                messages.add(json.readTree(line).path("message").asText());
            }
        }
        assertTrue(messages.stream().anyMatch(m -> m.contains("-> PENDING_SHUTDOWN")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("-> NOT_RUNNING")), "closed, not killed: " + messages);
    }

    private static List<IngestOutcome> articles() {
        ArticleParser parser = new ArticleParser(1_000_000, 1000);
        List<IngestOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < ARTICLES; i++) {
            String json = "{\"id\": \"l-" + i + "\", \"title\": \"Council meeting " + i + "\", \"body\": \"The council of "
                    + "district " + i + " met on day " + (i * 7 % 365) + " and approved budget line " + (i * 131) + ".\"}";
            outcomes.add(parser.parseJsonLine("l-" + i, json, json.length(), Instant.now()));
        }
        return outcomes;
    }
}
