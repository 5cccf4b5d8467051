package io.newsstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.ingest.ArticleParser;
import io.newsstream.ingest.FeedPoller;
import io.newsstream.ingest.Ingestor;
import io.newsstream.kafka.EmbeddedKafkaBroker;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.TopicProvisioner;
import io.newsstream.kafka.Topics;
import io.newsstream.schema.RawArticle;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feeds} on the in-JVM broker: RSS and Atom files, and a loopback server that honours conditional GET. */
class FeedsIT {

    private static EmbeddedKafkaBroker broker;
    private static KafkaClients clients;
    private static Topics topics;
    private static ArticleParser parser;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start(0, PipelineScenario.testDir("feeds-broker-" + UUID.randomUUID()));
        String run = UUID.randomUUID().toString().substring(0, 8);
        NewsstreamConfig config = NewsstreamConfig.defaultConfig().with(Map.of("topic.raw", "feeds." + run + ".raw",
                "topic.rejected", "feeds." + run + ".rejected"));
        clients = new KafkaClients(broker.bootstrapServers(), config);
        topics = new Topics(config.topics());
        TopicProvisioner.ensureTopics(clients, topics.specs(List.of(topics.raw().name(), topics.rejected().name()),
                config.rawRetention()), config.partitions(), config.replicationFactor());
        parser = new ArticleParser(config.maxArticleBytes(), config.maxTitleChars());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static String rss(String... items) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\" "
                + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Harbour Wire</title>");
        for (String guid : items) {
            x.append("<item><title>Item ").append(guid).append("</title><link>https://wire.example/").append(guid)
                    .append("</link><guid>").append(guid).append("</guid><pubDate>Tue, 03 Nov 2026 14:05:00 GMT</pubDate>")
                    .append("<description><![CDATA[<p>The harbor board approved item ").append(guid)
                    .append(" on Tuesday, clearing the way for larger vessels, officials said.</p>]]></description></item>");
        }
        return x.append("</channel></rss>").toString();
    }

    private static Map<String, RawArticle> raw() {
        Map<String, RawArticle> byUrl = new HashMap<>();
        PipelineScenario.readToEnd(clients, topics.raw().name()).forEach(r -> {
            RawArticle a = topics.raw().valueSerde().deserializer().deserialize(r.topic(), r.value());
            byUrl.merge(a.getUrl(), a, (x, y) -> {
                throw new AssertionError("ingested twice: " + a.getUrl());
            });
        });
        return byUrl;
    }

    @Test
    void shouldIngestEachItemOfRssAndAtomFilesOnceAcrossRestarts() throws Exception {
        Path rss = dir.resolve("wire.xml");
        Files.writeString(rss, rss("r-" + UUID.randomUUID(), "r-" + UUID.randomUUID()));
        Path atom = dir.resolve("atom.xml");
        String entry = "a-" + UUID.randomUUID();
        Files.writeString(atom, "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Ferry News</title>"
                + "<entry><id>" + entry + "</id><title>Ferry sailings added</title><link rel=\"alternate\" href=\"https://ferry.example/"
                + entry + "\"/><published>2026-11-04T09:00:00Z</published><content type=\"html\">&lt;p&gt;The island ferry "
                + "will add three daily sailings from June, the board decided.&lt;/p&gt;</content></entry></feed>");
        try (Ingestor ingestor = new Ingestor(clients, topics, Clock.systemUTC());
             FeedPoller poller = new FeedPoller(clients, parser, ingestor, Clock.systemUTC())) {
            assertEquals(2, poller.poll(rss.toUri().toString()).ingested());
            assertEquals(1, poller.poll(atom.toUri().toString()).ingested());
            assertEquals(0, poller.poll(rss.toUri().toString()).ingested(), "no item twice");
        }
        RawArticle ferry = raw().get("https://ferry.example/" + entry);
        assertEquals("Ferry sailings added", ferry.getTitle());
        assertEquals("Ferry News", ferry.getSource());
        assertEquals("The island ferry will add three daily sailings from June, the board decided.", ferry.getBody());
        assertEquals(Instant.parse("2026-11-04T09:00:00Z"), ferry.getPublishedAt());
        try (Ingestor ingestor = new Ingestor(clients, topics, Clock.systemUTC());
             FeedPoller restarted = new FeedPoller(clients, parser, ingestor, Clock.systemUTC())) {
            assertEquals(0, restarted.poll(rss.toUri().toString()).ingested(), "the items seen survive a restart");
            assertEquals(0, restarted.poll(atom.toUri().toString()).ingested());
        }
        raw(); // fails on any article ingested twice
    }

    @Test
    void shouldPollConditionallyAndIngestOnlyTheNewItemsOfAChangedFeed() throws Exception {
        String first = "h-" + UUID.randomUUID();
        String second = "h-" + UUID.randomUUID();
        AtomicReference<String> body = new AtomicReference<>(rss(first));
        AtomicReference<String> etag = new AtomicReference<>("\"v1\"");
        List<String> conditional = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/feed.xml", exchange -> {
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
            conditional.add(ifNoneMatch + " " + ifModifiedSince);
            if (etag.get().equals(ifNoneMatch)) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("ETag", etag.get());
                exchange.getResponseHeaders().add("Last-Modified", "Tue, 03 Nov 2026 14:05:00 GMT");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml";
        try (Ingestor ingestor = new Ingestor(clients, topics, Clock.systemUTC());
             FeedPoller poller = new FeedPoller(clients, parser, ingestor, Clock.systemUTC())) {
            assertEquals(1, poller.poll(url).ingested());
            assertTrue(poller.poll(url).notModified(), "an unchanged feed answers 304");
            assertEquals("\"v1\" Tue, 03 Nov 2026 14:05:00 GMT", conditional.get(1), "the validators are sent back");
            body.set(rss(first, second));
            etag.set("\"v2\"");
            FeedPoller.Poll changed = poller.poll(url);
            assertEquals(2, changed.items());
            assertEquals(1, changed.ingested(), "only the new item");
        } finally {
            server.stop(0);
        }
        Map<String, RawArticle> raw = raw();
        assertTrue(raw.containsKey("https://wire.example/" + first) && raw.containsKey("https://wire.example/" + second));
        assertEquals("Harbour Wire", raw.get("https://wire.example/" + second).getSource());
    }
}
