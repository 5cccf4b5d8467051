package io.newsstream.kafka;

import java.util.Collection;
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

    public static void ensureTopics(KafkaClients clients, Collection<String> names, int partitions, short replication) {
        ensureTopics(clients, names, List.of(), partitions, replication);
    }

    /** As above; topics named in {@code compacted} are created with {@code cleanup.policy=compact}. */
    public static void ensureTopics(KafkaClients clients, Collection<String> names, Collection<String> compacted,
                                    int partitions, short replication) {
        try (Admin admin = Admin.create(clients.common())) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = names.stream()
                    .distinct()
                    .filter(n -> !existing.contains(n))
                    .map(n -> compacted.contains(n)
                            ? new NewTopic(n, partitions, replication).configs(Map.of("cleanup.policy", "compact"))
                            : new NewTopic(n, partitions, replication))
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
            throw new IllegalStateException("cannot create topics " + names + ": " + e.getCause().getMessage(), e.getCause());
        }
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
