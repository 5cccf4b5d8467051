package io.newsstream.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsstream.kafka.CompactedLedger;
import io.newsstream.kafka.KafkaClients;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Polls RSS and Atom feeds (http, https and file URLs) and ingests each new item once: by its GUID or id, else its
 * link. Its body is the item's content, else its description (HTML read as {@link ArticleParser} reads HTML bodies),
 * its source the feed's title; it goes through the same parser, rules and rejected topic as {@code ingest}. HTTP
 * polls are conditional (ETag, Last-Modified): an unchanged feed costs a 304. The items ingested are recorded in a
 * compacted topic ({@value #SEEN_TOPIC}, key: feed URL and item key) after Kafka has acknowledged them, so they
 * survive a restart; an item whose record was not written is ingested again with the same id, which the pipeline
 * recognises as a replay.
 */
public final class FeedPoller implements AutoCloseable {

    public static final String SEEN_TOPIC = "news.feed.seen.v1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What one poll of one feed did. */
    public record Poll(String url, boolean notModified, int items, int ingested, int rejected) {
        public String summary() {
            return notModified ? url + ": not modified" : url + ": " + items + " items, " + ingested + " new, " + rejected + " rejected";
        }
    }

    private final KafkaClients clients;
    private final ArticleParser parser;
    private final Ingestor ingestor;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(TIMEOUT).build();
    private final KafkaProducer<String, String> seenProducer;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Map<String, String[]> validators = new ConcurrentHashMap<>();

    public FeedPoller(KafkaClients clients, ArticleParser parser, Ingestor ingestor, Clock clock) {
        this.clients = clients;
        this.parser = parser;
        this.ingestor = ingestor;
        this.clock = clock;
        CompactedLedger.ensure(clients, SEEN_TOPIC);
        seen.addAll(CompactedLedger.read(clients, SEEN_TOPIC).keySet());
        this.seenProducer = new KafkaProducer<>(clients.producer(), new StringSerializer(), new StringSerializer());
    }

    /**
     * Fetches a feed and ingests its new items.
     *
     * @throws IOException when it cannot be fetched or is not a feed (said in the message)
     */
    public Poll poll(String url) throws IOException, InterruptedException {
        String xml;
        String[] pendingValidators = null;
        URI uri = URI.create(url);
        if ("file".equals(uri.getScheme())) {
            xml = Files.readString(Path.of(uri), StandardCharsets.UTF_8);
        } else {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("User-Agent", "newsstream-feeds");
            String[] v = validators.get(url);
            if (v != null && v[0] != null) {
                request.header("If-None-Match", v[0]);
            }
            if (v != null && v[1] != null) {
                request.header("If-Modified-Since", v[1]);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 304) {
                return new Poll(url, true, 0, 0, 0);
            }
            if (response.statusCode() / 100 != 2) {
                throw new IOException(url + " answered HTTP " + response.statusCode());
            }
            // Kept once this poll's items are written: a failed write must not turn the next poll into a 304.
            pendingValidators = new String[] {response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null)};
            xml = response.body();
        }
        Feed.Parsed feed;
        try {
            feed = Feed.parse(xml);
        } catch (IllegalArgumentException e) {
            throw new IOException(url + " is " + e.getMessage(), e);
        }
        List<IngestOutcome> outcomes = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Feed.Item item : feed.items()) {
            String key = url + "\n" + item.key();
            if (item.key().isBlank() || seen.contains(key) || keys.contains(key)) {
                continue;
            }
            outcomes.add(outcomeOf(parser, url, feed.title(), item, clock.instant()));
            keys.add(key);
        }
        ingestor.writeAndWait(outcomes);
        List<Future<RecordMetadata>> marks = new ArrayList<>();
        for (String key : keys) {
            marks.add(seenProducer.send(new ProducerRecord<>(SEEN_TOPIC, key, clock.instant().toString())));
        }
        try {
            for (Future<RecordMetadata> mark : marks) {
                mark.get();
            }
        } catch (ExecutionException e) {
            throw new IOException("could not record the items of " + url + " as seen: " + e.getCause().getMessage()
                    + " (they are ingested again, with the same ids, at the next poll)", e.getCause());
        }
        seen.addAll(keys);
        if (pendingValidators != null) {
            validators.put(url, pendingValidators);
        }
        int rejected = (int) outcomes.stream().filter(o -> o instanceof IngestOutcome.Rejected).count();
        return new Poll(url, false, feed.items().size(), outcomes.size() - rejected, rejected);
    }

    /**
     * A feed item as ingest reads it: the JSON article it makes goes through the one parser, so an item is
     * accepted or refused by the same rules, with the same reasons, as a file.
     */
    static IngestOutcome outcomeOf(ArticleParser parser, String url, String feedTitle, Feed.Item item, Instant now) {
        ObjectNode article = JSON.createObjectNode();
        article.put("source", feedTitle);
        article.put("url", item.link());
        article.put("title", item.title());
        article.put("body", item.body());
        item.publishedAt().ifPresent(t -> article.put("publishedAt", t.toString()));
        String line = article.toString();
        return parser.parseJsonLine(url + "#" + item.key(), line, line.getBytes(StandardCharsets.UTF_8).length, now);
    }

    @Override
    public void close() {
        seenProducer.close();
    }
}
