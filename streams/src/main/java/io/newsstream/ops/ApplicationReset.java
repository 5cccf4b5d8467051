package io.newsstream.ops;

import io.newsstream.kafka.KafkaClients;
import io.newsstream.pipeline.Pipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Resets a pipeline application to reprocess its input, as Kafka's streams reset tool does: its raw-topic offsets
 * moved to the start (or a time), its internal topics (changelogs, repartitions) and their offsets deleted, and its
 * local state on this machine removed. Refuses while any instance runs: offsets of a live group cannot be moved, and
 * a running instance would write its state back.
 */
public final class ApplicationReset {

    /**
     * What a reset does.
     *
     * @param offsets        the raw topic's partitions and the offsets they move to
     * @param internalTopics changelog and repartition topics to delete
     * @param localState     this machine's state folder for the application, when it exists
     */
    public record Plan(String applicationId, Map<TopicPartition, Long> offsets, List<String> internalTopics,
                       Optional<Path> localState) {

        public String describe() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "reset %s:%n", applicationId));
            offsets.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(TopicPartition::toString)))
                    .forEach(e -> out.append(String.format(Locale.ROOT, "  offset %s -> %d%n", e.getKey(), e.getValue())));
            internalTopics.forEach(t -> out.append("  delete topic ").append(t).append(System.lineSeparator()));
            out.append("  local state: ").append(localState.map(p -> "delete " + p).orElse("none on this machine"))
                    .append(System.lineSeparator());
            return out.toString();
        }
    }

    private final KafkaClients clients;

    public ApplicationReset(KafkaClients clients) {
        this.clients = clients;
    }

    /**
     * @param to        where the raw topic's offsets go: empty for the earliest record
     * @param stateRoot the Kafka Streams state folder on this machine
     * @throws IllegalStateException naming the instances when any is running
     */
    public Plan plan(String applicationId, String raw, Optional<Instant> to, Path stateRoot) {
        try (Admin admin = Admin.create(clients.common())) {
            List<String> running = running(admin, applicationId);
            if (!running.isEmpty()) {
                throw new IllegalStateException("cannot reset " + applicationId + " while " + running.size()
                        + " instance(s) run: " + String.join(", ", running) + ". Stop them first.");
            }
            List<TopicPartition> partitions = ClusterOffsets.partitions(admin, raw)
                    .orElseThrow(() -> new IllegalArgumentException("no topic " + raw));
            OffsetSpec spec = to.map(t -> OffsetSpec.forTimestamp(t.toEpochMilli())).orElse(OffsetSpec.earliest());
            Map<TopicPartition, Long> targets = ClusterOffsets.offsets(admin, partitions, spec);
            Map<TopicPartition, Long> ends = ClusterOffsets.offsets(admin, partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> offsets = new HashMap<>();
            partitions.forEach(tp -> offsets.put(tp, targets.get(tp) < 0 ? ends.get(tp) : targets.get(tp)));
            Set<String> existing = admin.listTopics().names().get();
            List<String> internal = Pipeline.internalTopics(applicationId).stream().filter(existing::contains).toList();
            Path state = stateRoot.resolve(applicationId);
            return new Plan(applicationId, offsets, internal, Files.isDirectory(state) ? Optional.of(state) : Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot plan the reset of " + applicationId + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Carries the plan out, checking again that no instance has started since it was made. */
    public void execute(Plan plan) {
        try (Admin admin = Admin.create(clients.common())) {
            List<String> running = running(admin, plan.applicationId());
            if (!running.isEmpty()) {
                throw new IllegalStateException("an instance of " + plan.applicationId() + " started: " + String.join(", ", running));
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            plan.offsets().forEach((tp, o) -> offsets.put(tp, new OffsetAndMetadata(o)));
            admin.alterConsumerGroupOffsets(plan.applicationId(), offsets).all().get();
            Set<TopicPartition> internalOffsets = new HashSet<>();
            admin.listConsumerGroupOffsets(plan.applicationId()).partitionsToOffsetAndMetadata().get().keySet().stream()
                    .filter(tp -> plan.internalTopics().contains(tp.topic())).forEach(internalOffsets::add);
            if (!internalOffsets.isEmpty()) {
                admin.deleteConsumerGroupOffsets(plan.applicationId(), internalOffsets).all().get();
            }
            if (!plan.internalTopics().isEmpty()) {
                admin.deleteTopics(plan.internalTopics()).all().get();
            }
            plan.localState().ifPresent(ApplicationReset::deleteTree);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot reset " + plan.applicationId() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The group's members, as client id at host. */
    private static List<String> running(Admin admin, String applicationId) throws InterruptedException, ExecutionException {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId)).all().get().get(applicationId);
            List<String> members = new ArrayList<>();
            group.members().forEach(m -> members.add(m.clientId() + " at " + m.host()));
            return members;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return List.of();
            }
            throw e;
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the local state " + root + ": " + e.getMessage(), e);
        }
    }
}
