package io.newsstream.ops;

import io.newsstream.kafka.KafkaClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a pipeline application's status from the cluster alone — its group's members and committed offsets, the
 * topics' offsets by time — so it works from any machine and needs nothing from the running instances.
 */
public final class StatusProbe {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration FETCH = Duration.ofSeconds(10);
    private static final long MAX_DEAD_LETTERS_READ = 1_000_000;

    private final KafkaClients clients;
    private final Clock clock;

    public StatusProbe(KafkaClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /**
     * @param sampleGap time between two lag samples to tell whether lag grows; zero for one sample
     */
    public ApplicationStatus probe(String applicationId, String raw, String enriched, String deadLetters, Duration sampleGap) {
        try (Admin admin = Admin.create(clients.common())) {
            Instant now = clock.instant();
            String state;
            List<ApplicationStatus.Instance> instances = new ArrayList<>();
            try {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId)).all().get().get(applicationId);
                state = group.groupState().toString();
                // A member per stream thread: an instance is the client id before "-StreamThread-N-consumer".
                Map<String, List<TopicPartition>> byInstance = new TreeMap<>();
                Map<String, String> hosts = new HashMap<>();
                group.members().forEach(m -> {
                    String instance = m.clientId().replaceFirst("-StreamThread-\\d+-consumer$", "");
                    hosts.put(instance, m.host());
                    byInstance.computeIfAbsent(instance, k -> new ArrayList<>()).addAll(m.assignment().topicPartitions());
                });
                byInstance.forEach((instance, partitions) -> instances.add(new ApplicationStatus.Instance(instance,
                        hosts.get(instance), partitions.stream()
                                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                                .map(TopicPartition::toString).toList())));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
                state = "NOT FOUND";
            }
            List<TopicPartition> rawPartitions = ClusterOffsets.partitions(admin, raw).orElse(List.of());
            List<ApplicationStatus.PartitionLag> lag = lag(admin, applicationId, rawPartitions);
            long totalLag = lag.stream().mapToLong(ApplicationStatus.PartitionLag::lag).sum();
            Optional<Boolean> growing = Optional.empty();
            if (!sampleGap.isZero()) {
                Thread.sleep(sampleGap.toMillis());
                long later = lag(admin, applicationId, rawPartitions).stream().mapToLong(ApplicationStatus.PartitionLag::lag).sum();
                growing = Optional.of(later > totalLag);
            }
            List<TopicPartition> dlq = ClusterOffsets.partitions(admin, deadLetters).orElse(List.of());
            List<TopicPartition> out = ClusterOffsets.partitions(admin, enriched).orElse(List.of());
            Instant minuteAgo = now.minus(MINUTE);
            long[] dead = countDeadLetters(dlq, minuteAgo);
            return new ApplicationStatus(applicationId, state, instances, lag, since(admin, rawPartitions, minuteAgo),
                    since(admin, out, minuteAgo), dead[0], dead[1], oldestUnprocessed(lag, raw, now), growing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the status", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the status of " + applicationId + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Every partition the application reads: the raw topic's and any other it has committed offsets for (its repartition). */
    private static List<ApplicationStatus.PartitionLag> lag(Admin admin, String applicationId, List<TopicPartition> raw)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get();
        Set<TopicPartition> inputs = new LinkedHashSet<>(raw);
        committed.keySet().stream().sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .forEach(inputs::add);
        Map<TopicPartition, Long> ends = ClusterOffsets.offsets(admin, inputs, OffsetSpec.latest());
        List<ApplicationStatus.PartitionLag> lag = new ArrayList<>();
        for (TopicPartition tp : inputs) {
            OffsetAndMetadata c = committed.get(tp);
            lag.add(new ApplicationStatus.PartitionLag(tp.topic(), tp.partition(), c == null ? -1 : c.offset(), ends.getOrDefault(tp, 0L)));
        }
        return lag;
    }

    /** The timestamp of the first record waiting on each lagging raw partition: the oldest one's age. */
    private Optional<Duration> oldestUnprocessed(List<ApplicationStatus.PartitionLag> lag, String raw, Instant now) {
        Properties properties = clients.readCommittedConsumer();
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        Optional<Long> oldest = Optional.empty();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (ApplicationStatus.PartitionLag l : lag) {
                if (!l.topic().equals(raw) || l.lag() == 0) {
                    continue;
                }
                TopicPartition tp = new TopicPartition(l.topic(), l.partition());
                consumer.assign(List.of(tp));
                if (l.committed() < 0) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, l.committed());
                }
                Instant deadline = Instant.now().plus(FETCH);
                List<ConsumerRecord<byte[], byte[]>> first = List.of();
                while (first.isEmpty() && Instant.now().isBefore(deadline)) {
                    first = consumer.poll(Duration.ofMillis(200)).records(tp);
                }
                for (ConsumerRecord<byte[], byte[]> r : first) {
                    oldest = Optional.of(oldest.map(o -> Math.min(o, r.timestamp())).orElse(r.timestamp()));
                }
            }
        }
        return oldest.map(ts -> Duration.between(Instant.ofEpochMilli(ts), now));
    }

    /**
     * Dead letters in all and since a time, counted record by record: the pipeline writes them in transactions, whose
     * commit markers take offsets too. Few by nature; reading stops at {@value #MAX_DEAD_LETTERS_READ}.
     */
    private long[] countDeadLetters(List<TopicPartition> partitions, Instant since) {
        long all = 0;
        long recent = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.readCommittedConsumer(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (all < MAX_DEAD_LETTERS_READ && partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    all++;
                    recent += r.timestamp() >= since.toEpochMilli() ? 1 : 0;
                }
            }
        }
        return new long[] {all, recent};
    }

    /** Offsets appended since a time, by record timestamps (on a transactional topic, commit markers included). */
    private static long since(Admin admin, List<TopicPartition> partitions, Instant from) throws InterruptedException, ExecutionException {
        Map<TopicPartition, Long> ends = ClusterOffsets.offsets(admin, partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> starts = ClusterOffsets.offsets(admin, partitions, OffsetSpec.forTimestamp(from.toEpochMilli()));
        long count = 0;
        for (TopicPartition tp : partitions) {
            long start = starts.get(tp);
            count += start < 0 ? 0 : ends.get(tp) - start;
        }
        return count;
    }



    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
