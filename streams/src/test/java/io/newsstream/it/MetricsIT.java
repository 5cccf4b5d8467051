package io.newsstream.it;

import static io.newsstream.it.PipelineScenario.readAtLeast;
import static io.newsstream.it.PipelineScenario.testDir;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.ingest.ArticleParser;
import io.newsstream.ingest.IngestOutcome;
import io.newsstream.ingest.Ingestor;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.Topics;
import io.newsstream.metrics.MetricsEndpoint;
import io.newsstream.pipeline.Pipeline;
import io.newsstream.pipeline.PipelineMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Prometheus endpoint and readiness of a running pipeline, scraped over HTTP on the embedded broker. */
class MetricsIT {

    private static final int ARTICLES = 12;
    @RegisterExtension
    static final EmbeddedBroker broker = new EmbeddedBroker();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldCountWhatThePipelineDidAndBeReadyOnlyWhileItRuns() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        NewsstreamConfig config = NewsstreamConfig.defaultConfig().with(Map.of(
                "bootstrap.servers", broker.bootstrapServers(), "application.id", "metrics-" + run, "partitions", "2",
                "state.dir", testDir("state-" + run).toString(), "topic.raw", "m." + run + ".raw",
                "topic.rejected", "m." + run + ".rejected", "topic.enriched", "m." + run + ".enriched",
                "topic.dlq", "m." + run + ".dlq", "topic.label-pattern", "m." + run + ".topic.%s"));
        KafkaClients clients = new KafkaClients(broker.bootstrapServers(), config);
        Topics topics = new Topics(config.topics());

        try (MetricsEndpoint endpoint = new MetricsEndpoint(0).start()) {
            assertEquals(503, get(endpoint, "/ready").statusCode(), "not ready before the pipeline runs");
            assertEquals(200, get(endpoint, "/health").statusCode());
            try (Pipeline pipeline = Pipeline.start(config, clients, Taxonomy.builtIn(), new PipelineMetrics(endpoint.registry()))) {
                endpoint.readyWhen(pipeline::isRunning, () -> "Kafka Streams is " + pipeline.state());
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> get(endpoint, "/ready").statusCode() == 200);

                try (Ingestor ingestor = new Ingestor(clients, topics, Clock.systemUTC(), endpoint.registry())) {
                    ingestor.writeAndWait(inputs());
                }
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer(),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
                    producer.send(new ProducerRecord<>(topics.raw().name(), "poison".getBytes(StandardCharsets.UTF_8),
                            "not an article".getBytes(StandardCharsets.UTF_8))).get();
                }
                long bordersLabelled = readAtLeast(clients, topics.enriched().name(), ARTICLES).stream()
                        .map(r -> topics.enriched().valueSerde().deserializer().deserialize(r.topic(), r.value()))
                        .filter(a -> a.getTopics().stream().anyMatch(t -> t.getLabel().equals("border-security")))
                        .count();
                // The story stage counts an article once its output is forwarded, just before the commit.
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> value(scrape(endpoint), "newsstream_articles_out_total{stage=\"story\"}") == ARTICLES
                                && value(scrape(endpoint), "newsstream_dead_letters_total{error=\"SerializationException\"}") == 1);

                String metrics = scrape(endpoint);
                assertEquals(ARTICLES, value(metrics, "newsstream_ingest_accepted_total"));
                assertEquals(1, value(metrics, "newsstream_ingest_rejected_total{reason=\"body is empty or missing\"}"));
                assertEquals(ARTICLES, value(metrics, "newsstream_articles_in_total{stage=\"analyze\"}"));
                assertEquals(1, value(metrics, "newsstream_dead_letters_total{error=\"SerializationException\"}"),
                        "the undecodable record, dead-lettered");
                assertEquals(ARTICLES, value(metrics, "newsstream_articles_in_total{stage=\"story\"}"));
                assertEquals(ARTICLES, value(metrics, "newsstream_verdicts_total{verdict=\"original\"}")
                        + value(metrics, "newsstream_verdicts_total{verdict=\"copy\"}"));
                assertTrue(bordersLabelled > 0);
                assertEquals(bordersLabelled, value(metrics, "newsstream_labels_total{label=\"border-security\"}"));
                assertEquals(ARTICLES, value(metrics, "newsstream_end_to_end_latency_seconds_count"));
                assertTrue(value(metrics, "newsstream_end_to_end_latency_seconds_bucket{le=\"+Inf\"}") == ARTICLES,
                        "the latency is a histogram");
                assertTrue(metrics.contains("kafka_stream_"), "Kafka Streams' own metrics are bound");
                assertTrue(Pattern.compile("(?m)^newsstream_story_index_articles\\{task=\"\\d+_0\"} ").matcher(metrics).find(),
                        "the story index's size, per task");
                assertTrue(metrics.contains("jvm_memory_used_bytes"));
                assertDashboardMetricsExist(metrics);
            }
            assertEquals(503, get(endpoint, "/ready").statusCode(), "not ready once the pipeline has stopped");
            assertTrue(get(endpoint, "/ready").body().startsWith("not ready: Kafka Streams is NOT_RUNNING"),
                    get(endpoint, "/ready").body());
        }
    }

    /** Every newsstream metric the shipped Grafana dashboard charts is one the endpoint exports. */
    private static void assertDashboardMetricsExist(String metrics) throws IOException {
        String dashboard = Files.readString(Path.of("../docker/grafana-dashboard.json"));
        Matcher used = Pattern.compile("newsstream_[a-z_]+").matcher(dashboard);
        int charted = 0;
        while (used.find()) {
            charted++;
            assertTrue(Pattern.compile("(?m)^" + used.group() + "[{ ]").matcher(metrics).find(),
                    "the dashboard charts " + used.group() + ", which the endpoint does not export");
        }
        assertTrue(charted > 10);
    }

    /** Border stories, each its own (distinct numbers make distinct stories), and one input ingest refuses. */
    private static List<IngestOutcome> inputs() {
        ArticleParser parser = new ArticleParser(1_000_000, 1000);
        List<IngestOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < ARTICLES; i++) {
            String body = "Border Patrol agents found tunnel number " + (1000 + i * 37) + " under the border fence near "
                    + "the port of entry, where migrants and smugglers crossed, officials said on day " + i + ".";
            String json = "{\"id\": \"m-" + i + "\", \"title\": \"Border tunnel " + i + " found\", \"body\": \"" + body + "\"}";
            outcomes.add(parser.parseJsonLine("m-" + i, json, json.length(), Instant.now()));
        }
        String empty = "{\"title\": \"no body\"}";
        outcomes.add(parser.parseJsonLine("empty", empty, empty.length(), Instant.now()));
        return outcomes;
    }

    private HttpResponse<String> get(MetricsEndpoint endpoint, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + endpoint.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String scrape(MetricsEndpoint endpoint) throws IOException, InterruptedException {
        HttpResponse<String> response = get(endpoint, "/metrics");
        assertEquals(200, response.statusCode());
        return response.body();
    }

    /** The value of one sample in Prometheus text format; 0 when the sample is absent. */
    private static double value(String metrics, String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " ([0-9.eE+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
