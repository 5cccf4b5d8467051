package io.newsstream.kafka;

import io.newsstream.config.NewsstreamConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics newsstream needs when they are absent; existing topics are left as they are. */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /**
     * Creates the topics of {@code specs} (name to topic settings, see {@link Topics#specs}) that do not exist yet.
     * Existing topics keep their settings: an operator's choice is not overwritten.
     */
    public static void ensureTopics(KafkaClients clients, Map<String, Map<String, String>> specs, int partitions,
                                    short replication) {
        try (Admin admin = Admin.create(clients.common())) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = specs.entrySet().stream()
                    .filter(e -> !existing.contains(e.getKey()))
                    .map(e -> new NewTopic(e.getKey(), partitions, replication).configs(e.getValue()))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                // Another instance may have created them between the listing and the creation.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            LOG.info("Created topics {} ({} partitions, replication {})",
                    missing.stream().map(NewTopic::name).toList(), partitions, replication);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics " + specs.keySet() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The topics every ingest path writes: the raw topic and the rejected topic, as configured. */
    public static void ensureIngestTopics(KafkaClients clients, NewsstreamConfig config) {
        Topics topics = new Topics(config.topics());
        ensureTopics(clients, topics.specs(List.of(topics.raw().name(), topics.rejected().name()), config.rawRetention()),
                config.partitions(), config.replicationFactor());
    }

    /** The number of partitions of an existing topic. */
    public static int partitionsOf(KafkaClients clients, String topic) {
        try (Admin admin = Admin.create(clients.common())) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
