package io.newsstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.ingest.ArticleParser;
import io.newsstream.ingest.HttpIngestServer;
import io.newsstream.ingest.Ingestor;
import io.newsstream.ingest.KafkaReachability;
import io.newsstream.kafka.EmbeddedKafkaBroker;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.TopicProvisioner;
import io.newsstream.kafka.Topics;
import io.newsstream.schema.RawArticle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code serve}'s HTTP ingest on the in-JVM broker: every status it answers, and exactly-once under concurrent clients. */
class HttpIngestIT {

    private static final String TOKEN = "s3cret-token";
    private static final long MAX_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedKafkaBroker broker;
    private static KafkaClients clients;
    private static Topics topics;
    private static Ingestor ingestor;
    private static KafkaReachability reachability;
    private static HttpIngestServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start(0, PipelineScenario.testDir("http-broker-" + UUID.randomUUID()));
        String run = UUID.randomUUID().toString().substring(0, 8);
        NewsstreamConfig config = NewsstreamConfig.defaultConfig().with(Map.of("topic.raw", "http." + run + ".raw",
                "topic.rejected", "http." + run + ".rejected"));
        clients = new KafkaClients(broker.bootstrapServers(), config);
        topics = new Topics(config.topics());
        TopicProvisioner.ensureTopics(clients, topics.specs(List.of(topics.raw().name(), topics.rejected().name()),
                config.rawRetention()), config.partitions(), config.replicationFactor());
        ingestor = new Ingestor(clients, topics, Clock.systemUTC());
        reachability = new KafkaReachability(clients);
        server = new HttpIngestServer(new HttpIngestServer.Settings(0, MAX_BYTES, Optional.of(TOKEN)),
                new ArticleParser(config.maxArticleBytes(), config.maxTitleChars()), ingestor, reachability, Clock.systemUTC());
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        ingestor.close();
        reachability.close();
        broker.close();
    }

    private static HttpResponse<String> post(String contentType, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/articles"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String article(String id, String title) {
        return "{\"id\": \"" + id + "\", \"source\": \"Harbour Post\", \"title\": \"" + title + "\", \"publishedAt\": "
                + "\"2026-11-02T08:00:00Z\", \"body\": \"Dock workers at pier " + id + " unloaded containers of grain on a "
                + "quiet morning, the port authority said.\"}";
    }

    private static List<String> ids(HttpResponse<String> response) throws Exception {
        List<String> ids = new ArrayList<>();
        JSON.readTree(response.body()).path("ids").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    /** The raw topic's articles by id, with how many times each was written. */
    private static Map<String, Integer> rawCounts() {
        Map<String, Integer> counts = new HashMap<>();
        PipelineScenario.readToEnd(clients, topics.raw().name()).forEach(r -> {
            RawArticle a = topics.raw().valueSerde().deserializer().deserialize(r.topic(), r.value());
            counts.merge(a.getId(), 1, Integer::sum);
        });
        return counts;
    }

    @Test
    void shouldAcceptEveryBodyFormAndAnswerWithTheIdsKafkaAcknowledged() throws Exception {
        HttpResponse<String> one = post("application/json", article("one-1", "Grain at pier one"), TOKEN);
        assertEquals(202, one.statusCode(), one.body());
        assertEquals(List.of("one-1"), ids(one));
        HttpResponse<String> array = post("application/json; charset=utf-8",
                "[" + article("arr-1", "First") + "," + article("arr-2", "Second") + "," + article("arr-3", "Third") + "]", TOKEN);
        assertEquals(202, array.statusCode(), array.body());
        assertEquals(List.of("arr-1", "arr-2", "arr-3"), ids(array));
        HttpResponse<String> lines = post("application/x-ndjson", article("line-1", "A") + "\n" + article("line-2", "B") + "\n", TOKEN);
        assertEquals(List.of("line-1", "line-2"), ids(lines), lines.body());
        HttpResponse<String> text = post("text/plain", "Ferry sailings added\n\nThe island ferry will add three daily sailings "
                + "between the harbour and the island from June, the transport board decided.", TOKEN);
        assertEquals(202, text.statusCode(), text.body());
        List<String> textIds = ids(text);
        assertEquals(1, textIds.size());
        Map<String, Integer> raw = rawCounts();
        for (String id : List.of("one-1", "arr-1", "arr-2", "arr-3", "line-1", "line-2", textIds.get(0))) {
            assertEquals(1, raw.getOrDefault(id, 0), id + " on the raw topic once");
        }
    }

    @Test
    void shouldRefuseABatchWithAnInvalidArticleNamingItAndRecordTheRejection() throws Exception {
        long rejectedBefore = PipelineScenario.readToEnd(clients, topics.rejected().name()).size();
        HttpResponse<String> response = post("application/json",
                "[" + article("ok-1", "Fine") + ", {\"id\": \"bad-1\", \"title\": \"No body here\"}]", TOKEN);
        assertEquals(400, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(1, body.path("articles").size(), response.body());
        assertEquals(2, body.path("articles").get(0).path("article").asInt());
        assertTrue(body.path("articles").get(0).path("reason").asText().length() > 5, response.body());
        assertEquals(0, rawCounts().getOrDefault("ok-1", 0), "nothing from a refused request is accepted");
        assertEquals(rejectedBefore + 1, PipelineScenario.readToEnd(clients, topics.rejected().name()).size());
    }

    @Test
    void shouldAnswerEachErrorWithItsStatus() throws Exception {
        assertEquals(401, post("application/json", article("x", "No token"), null).statusCode());
        assertEquals(401, post("application/json", article("x", "Wrong token"), "s3cret-tokem").statusCode());
        assertEquals(413, post("application/json", "[" + (article("big", "Big") + ",").repeat(400) + article("z", "Z") + "]",
                TOKEN).statusCode());
        assertEquals(415, post("application/xml", "<article/>", TOKEN).statusCode());
        assertEquals(400, post("application/json", "{not json", TOKEN).statusCode());
        assertEquals(400, post("application/json", "[]", TOKEN).statusCode());
        assertEquals(404, get("/nothing").statusCode());
        assertEquals(405, get("/articles").statusCode());
        assertEquals(200, get("/health").statusCode());
        HttpResponse<String> ready = get("/ready");
        assertEquals(200, ready.statusCode(), ready.body());
    }

    @Test
    void shouldWriteEveryAcceptedArticleOnceUnderEightConcurrentClients() throws Exception {
        int clientsCount = 8;
        int perClient = 250;
        ExecutorService pool = Executors.newFixedThreadPool(clientsCount);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int c = 0; c < clientsCount; c++) {
            int client = c;
            results.add(pool.submit(() -> {
                List<String> accepted = new ArrayList<>();
                for (int i = 0; i < perClient; i++) {
                    HttpResponse<String> r = post("application/json", article("load-" + client + "-" + i, "Load " + i), TOKEN);
                    assertEquals(202, r.statusCode(), r.body());
                    accepted.addAll(ids(r));
                }
                return accepted;
            }));
        }
        List<String> accepted = new ArrayList<>();
        for (Future<List<String>> f : results) {
            accepted.addAll(f.get());
        }
        pool.shutdown();
        assertEquals(clientsCount * perClient, accepted.size());
        Map<String, Integer> raw = rawCounts();
        for (String id : accepted) {
            assertEquals(1, raw.getOrDefault(id, 0), id);
        }
    }
}
