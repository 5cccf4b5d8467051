package io.newsstream.ops;

import io.newsstream.kafka.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies the records of a topic whose timestamps fall in a time range into a topic (the same one by default),
 * unchanged — key, value, headers, timestamp — plus two headers saying where and when each was replayed from. It
 * reads with its own assigned consumer (it joins no consumer group, so no application's offsets move) and writes in
 * transactions that also commit its progress, under a transactional id and a progress group named after the
 * replay's arguments: a replay interrupted anywhere and run again with the same arguments writes each record
 * exactly once (for consumers reading committed records).
 */
public final class Replayer {

    public static final String SOURCE_HEADER = "newsstream.replay.source";
    public static final String AT_HEADER = "newsstream.replay.at";

    private static final Duration POLL = Duration.ofMillis(500);

    /**
     * @param to   end of the range (exclusive); empty for the end of each partition when first planned
     * @param rate most records per second to write; 0 for no limit
     */
    public record Request(String source, String target, Instant from, Optional<Instant> to, double rate) {

        /** Names the transactional id and the progress group: the same arguments, the same replay. */
        public String id() {
            String key = source + "\n" + target + "\n" + from.toEpochMilli() + "\n" + to.map(Instant::toEpochMilli).orElse(-1L);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
                return "newsstream-replay-" + HexFormat.of().formatHex(digest).substring(0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Told after each committed transaction. */
    public interface Progress {
        void committed(long done, long total);
    }

    private final KafkaClients clients;
    private final Clock clock;

    public Replayer(KafkaClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /**
     * The offsets to copy per partition, and how far an earlier run of the same replay got.
     *
     * @throws IllegalArgumentException when the source topic does not exist
     */
    public ReplayPlan plan(Request request) {
        return plan(request, false);
    }

    /**
     * @param stable wait for offsets of pending transactions to settle (after this replay's producer has fenced an
     *               earlier run's, they settle at once)
     */
    private ReplayPlan plan(Request request, boolean stable) {
        try (Admin admin = Admin.create(clients.common())) {
            List<TopicPartition> partitions = ClusterOffsets.partitions(admin, request.source())
                    .orElseThrow(() -> new IllegalArgumentException("no topic " + request.source()));
            // Stable offsets only: a transaction of an earlier run still pending would otherwise read as not yet done.
            Map<TopicPartition, OffsetAndMetadata> progress = admin.listConsumerGroupOffsets(request.id(),
                    new ListConsumerGroupOffsetsOptions().requireStable(stable)).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> starts = ClusterOffsets.offsets(admin, partitions, OffsetSpec.forTimestamp(request.from().toEpochMilli()));
            Map<TopicPartition, Long> ends = ClusterOffsets.offsets(admin, partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> stops = request.to().isPresent()
                    ? ClusterOffsets.offsets(admin, partitions, OffsetSpec.forTimestamp(request.to().get().toEpochMilli())) : ends;
            List<ReplayPlan.Range> ranges = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata committed = progress.get(tp);
                Optional<ReplayPlan.Range> earlier = committed == null ? Optional.empty()
                        : ReplayPlan.Range.fromMetadata(tp.partition(), committed.offset(), committed.metadata());
                ranges.add(earlier.orElseGet(() -> {
                    long end = ends.get(tp);
                    // No record at or after a time: the range starts (or stops) at the partition's end.
                    long from = starts.get(tp) < 0 ? end : starts.get(tp);
                    long to = stops.get(tp) < 0 ? end : stops.get(tp);
                    return new ReplayPlan.Range(tp.partition(), from, Math.max(from, to), from);
                }));
            }
            return new ReplayPlan(request.source(), request.target(), ranges);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while planning the replay", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot plan the replay of " + request.source() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Copies what the plan has left, creating the target topic (with the source's partitions) when missing.
     *
     * @param stopAfter for tests: return after sending this many records without committing them, as a crash
     *                  would; -1 to run to the end
     * @return records copied by this run
     */
    public long run(Request request, ReplayPlan plan, Progress progress, long stopAfter) {
        int targetPartitions = ensureTarget(request, plan.ranges().size());
        Map<TopicPartition, ReplayPlan.Range> open = new HashMap<>();
        Properties producerProperties = clients.producer();
        producerProperties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, request.id());
        Properties consumerProperties = clients.readCommittedConsumer();
        if (request.rate() > 0) {
            // A transaction spans one poll: at a slow rate, a few seconds of records, well inside the transaction timeout.
            consumerProperties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf((int) Math.max(1, Math.min(500, request.rate() * 5))));
        }
        long copied = 0;
        long done;
        long started = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties,
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            producer.initTransactions();
            // Fenced now: an earlier run's pending transaction is aborted, so its progress reads as it really is.
            plan = plan(request, true);
            for (ReplayPlan.Range r : plan.ranges()) {
                if (r.remaining() > 0) {
                    open.put(new TopicPartition(request.source(), r.partition()), r);
                }
            }
            done = plan.total() - plan.remaining();
            consumer.assign(open.keySet());
            open.forEach((tp, r) -> consumer.seek(tp, r.done()));
            ConsumerGroupMetadata group = new ConsumerGroupMetadata(request.id());
            // Partitions with nothing to copy are committed done in the first transaction, their ends with them: a
            // rerun must not find records that arrived there since.
            Map<TopicPartition, OffsetAndMetadata> alreadyDone = new HashMap<>();
            for (ReplayPlan.Range r : plan.ranges()) {
                if (r.remaining() == 0) {
                    alreadyDone.put(new TopicPartition(request.source(), r.partition()), new OffsetAndMetadata(r.to(), r.metadata()));
                }
            }
            while (!open.isEmpty()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                producer.beginTransaction();
                String at = clock.instant().toString();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    ReplayPlan.Range range = open.get(new TopicPartition(record.topic(), record.partition()));
                    if (range == null || record.offset() >= range.to()) {
                        continue;
                    }
                    producer.send(copy(request.target(), record, targetPartitions == plan.ranges().size(), at));
                    copied++;
                    done++;
                    if (copied == stopAfter) {
                        producer.flush();
                        return copied;
                    }
                    throttle(request.rate(), copied, started);
                }
                Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>(alreadyDone);
                alreadyDone.clear();
                for (Map.Entry<TopicPartition, ReplayPlan.Range> e : List.copyOf(open.entrySet())) {
                    long position = Math.min(consumer.position(e.getKey()), e.getValue().to());
                    positions.put(e.getKey(), new OffsetAndMetadata(position, e.getValue().metadata()));
                    if (position >= e.getValue().to()) {
                        open.remove(e.getKey());
                        consumer.pause(List.of(e.getKey()));
                    }
                }
                producer.sendOffsetsToTransaction(positions, group);
                producer.commitTransaction();
                progress.committed(done, plan.total());
            }
        }
        return copied;
    }

    private static ProducerRecord<byte[], byte[]> copy(String target, ConsumerRecord<byte[], byte[]> record,
                                                       boolean samePartition, String at) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove(SOURCE_HEADER);
        headers.remove(AT_HEADER);
        headers.add(SOURCE_HEADER, (record.topic() + "/" + record.partition() + "/" + record.offset()).getBytes(StandardCharsets.UTF_8));
        headers.add(AT_HEADER, at.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(target, samePartition ? record.partition() : null, record.timestamp(), record.key(),
                record.value(), headers);
    }

    /** Sleeps while the copy runs ahead of the rate. */
    private static void throttle(double rate, long copied, long startedNanos) {
        if (rate <= 0) {
            return;
        }
        long aheadNanos = (long) (copied / rate * 1e9) - (System.nanoTime() - startedNanos);
        if (aheadNanos > 1_000_000) {
            try {
                Thread.sleep(aheadNanos / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** The target's partition count, creating it like the source when it is missing. */
    private int ensureTarget(Request request, int sourcePartitions) {
        try (Admin admin = Admin.create(clients.common())) {
            Optional<List<TopicPartition>> existing = ClusterOffsets.partitions(admin, request.target());
            if (existing.isPresent()) {
                return existing.get().size();
            }
            TopicDescription source = admin.describeTopics(List.of(request.source())).allTopicNames().get().get(request.source());
            short replication = (short) source.partitions().get(0).replicas().size();
            admin.createTopics(List.of(new NewTopic(request.target(), sourcePartitions, replication))).all().get();
            return sourcePartitions;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the replay's target topic " + request.target() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }


}
