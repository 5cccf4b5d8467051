package io.newsstream.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.schema.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Making subscriptions: every query is parsed before anything is stored, and refused with where and why. */
public final class Subscriptions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Subscriptions() {
    }

    /**
     * A subscription whose query parses.
     *
     * @throws QuerySyntaxException when the query does not parse
     */
    public static Subscription of(String id, String query, List<String> topics, Instant now) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a subscription needs an id");
        }
        if (query == null) {
            throw new QuerySyntaxException(0, "the query is empty");
        }
        Subscription subscription = Subscription.newBuilder().setId(id).setQuery(query).setTopics(List.copyOf(topics))
                .setCreatedAt(now).build();
        query(subscription);
        return subscription;
    }

    /** The subscription's query, restricted to its topics when it lists any. */
    static Query query(Subscription subscription) {
        Query query = QueryParser.parse(subscription.getQuery());
        Query topics = null;
        for (String label : subscription.getTopics()) {
            Query topic = new Query.Field("topic", label);
            topics = topics == null ? topic : new Query.Or(topics, topic);
        }
        return topics == null ? query : new Query.And(query, topics);
    }

    /**
     * Reads JSON Lines of {@code {"id": "...", "query": "...", "topics": ["label", ...]}} ({@code topics}
     * optional). All lines are checked; any problem refuses the whole file.
     *
     * @throws IllegalArgumentException listing every bad line as {@code FILE:LINE: reason}
     */
    public static List<Subscription> readJsonLines(Path file, Instant now) throws IOException {
        List<Subscription> subscriptions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            try {
                JsonNode node = JSON.readTree(line);
                String id = node.path("id").asText(null);
                List<String> topics = new ArrayList<>();
                node.path("topics").forEach(t -> topics.add(t.asText()));
                Subscription s = of(id, node.path("query").asText(null), topics, now);
                if (!ids.add(id)) {
                    problems.add(where + "subscription id " + id + " appears twice");
                }
                subscriptions.add(s);
            } catch (JsonProcessingException e) {
                problems.add(where + "invalid JSON: " + e.getOriginalMessage());
            } catch (IllegalArgumentException e) {
                problems.add(where + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return subscriptions;
    }
}
