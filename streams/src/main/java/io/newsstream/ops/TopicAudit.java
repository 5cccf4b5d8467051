package io.newsstream.ops;

import io.newsstream.kafka.KafkaClients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The topics newsstream needs set beside what the cluster has: for each, whether it exists, its partitions and
 * replication, and each setting newsstream gives it (compaction, retention, timestamps, record size) that differs.
 * Existing topics are never altered: an operator's choice stands, and is shown.
 */
public final class TopicAudit {

    /**
     * One topic.
     *
     * @param differences what differs from the expected settings; empty when it matches
     */
    public record Row(String topic, boolean exists, int partitions, int replication, List<String> differences) {
    }

    private TopicAudit() {
    }

    /**
     * @param expected topic name to the settings newsstream gives it
     */
    public static List<Row> audit(KafkaClients clients, Map<String, Map<String, String>> expected, int partitions, int replication) {
        try (Admin admin = Admin.create(clients.common())) {
            List<Row> rows = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> e : expected.entrySet()) {
                Optional<TopicDescription> d = describe(admin, e.getKey());
                if (d.isEmpty()) {
                    rows.add(new Row(e.getKey(), false, 0, 0, List.of("missing")));
                    continue;
                }
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, e.getKey());
                Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                Map<String, String> actual = new LinkedHashMap<>();
                e.getValue().keySet().forEach(k -> actual.put(k, config.get(k) == null ? null : config.get(k).value()));
                int p = d.get().partitions().size();
                int r = d.get().partitions().get(0).replicas().size();
                rows.add(new Row(e.getKey(), true, p, r, differences(e.getValue(), actual, partitions, p, replication, r)));
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe the topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** What differs between the expected and actual settings of an existing topic. Pure. */
    static List<String> differences(Map<String, String> expected, Map<String, String> actual, int expectedPartitions,
                                    int partitions, int expectedReplication, int replication) {
        List<String> out = new ArrayList<>();
        if (partitions != expectedPartitions) {
            out.add("partitions " + partitions + " (configured " + expectedPartitions + ")");
        }
        if (replication != expectedReplication) {
            out.add("replication " + replication + " (configured " + expectedReplication + ")");
        }
        expected.forEach((key, value) -> {
            String is = actual.get(key);
            if (!value.equalsIgnoreCase(String.valueOf(is))) {
                out.add(key + "=" + is + " (newsstream sets " + value + ")");
            }
        });
        return out;
    }

    /** The table {@code topics describe} prints. */
    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-44s %10s %11s  %s%n", "topic", "partitions",
                "replication", "differences"));
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "%-44s %10s %11s  %s%n", r.topic(), r.exists() ? r.partitions() : "-",
                    r.exists() ? r.replication() : "-", r.differences().isEmpty() ? "as configured" : String.join("; ", r.differences())));
        }
        return out.toString();
    }

    private static Optional<TopicDescription> describe(Admin admin, String topic) throws InterruptedException, ExecutionException {
        return ClusterOffsets.partitions(admin, topic).isEmpty() ? Optional.empty()
                : Optional.of(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic));
    }
}
