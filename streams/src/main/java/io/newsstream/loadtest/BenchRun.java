package io.newsstream.loadtest;

import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.Topic;
import io.newsstream.schema.RawArticle;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Drives one system under test — plain pass-through Streams or the full pipeline — with the same workload:
 * a backlog of articles for throughput, then a fixed offered rate for latency. Output records are recognised by
 * their key (the article id).
 */
public final class BenchRun {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofMinutes(20);
    /** Longer than any pause of a healthy run (a rebalance, a burst of JIT compilation), far shorter than the timeout. */
    private static final Duration STALL = Duration.ofMinutes(2);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);

    private final KafkaClients clients;
    private final Topic<String, RawArticle> input;
    private final String output;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peakHeap = new AtomicLong();

    public BenchRun(KafkaClients clients, Topic<String, RawArticle> input, String output) {
        this.clients = clients;
        this.input = input;
        this.output = output;
    }

    /** Writes a backlog. Fails if any article could not be written. */
    private void preload(List<RawArticle> articles) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>(articles.size());
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (RawArticle a : articles) {
                sent.add(producer.send(record(a)));
            }
            producer.flush();
        }
        for (Future<RecordMetadata> s : sent) {
            s.get(); // throws the write's error: a backlog with a hole would leave the throughput phase waiting
        }
    }

    /**
     * Whether the system under test put every article in the right story: the story each article of the workload
     * belongs to (its original's id), and the story an output value puts it in (the id of that story's first
     * article). Which article of a story the pipeline sees first depends on the order it processes partitions in,
     * so stories are compared, not which member is called the original.
     */
    public record StoryCheck(Function<String, String> workloadStory, Function<byte[], String> outputStory) {
    }

    /** Pauses and resumes the system under test's processing (Kafka Streams' {@code pause()} and {@code resume()}). */
    public record Processing(Runnable pause, Runnable resume) {
    }

    /**
     * Steady-state throughput of a warmed-up system over one batch processed from start to finish. The warm-up
     * articles are written and all come out (the JIT compiles the hot paths meanwhile), the system drains; then it
     * is paused, the measured batch written, and the rate counted from the resume until 95 % of the batch is out
     * (the last few may wait for dedup's timeouts). Timing only the last outputs of one long backlog instead
     * overstates a multi-stage pipeline: its first stages have by then done much of those articles' work, during
     * the warm-up — that read 2 to 3 times the pipeline's real rate.
     *
     * @param check with a story check, how well every output's verdict (warm-up and batch) matched the workload
     */
    public Throughput throughput(List<RawArticle> warmup, List<RawArticle> measured, String applicationId, Processing processing,
                                 StoryCheck check) throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = consumerAtStart(List.of(output))) {
            Map<String, String> storyOfOutput = new HashMap<>();
            preload(warmup);
            awaitOutputs(consumer, warmup.size(), warmup.size(), storyOfOutput, check);
            drain(applicationId);
            processing.pause().run();
            preload(measured);
            processing.resume().run();
            long start = System.nanoTime();
            int mark = Math.max(1, (int) Math.ceil(measured.size() * 0.95));
            long end = awaitOutputs(consumer, measured.size(), mark, storyOfOutput, check);
            return new Throughput(mark / ((end - start) / 1e9),
                    check == null ? null : StoryTally.of(storyOfOutput, check.workloadStory()));
        }
    }

    /** Reads {@code count} more outputs; returns when (nano time) the {@code mark}-th of them arrived. */
    private long awaitOutputs(KafkaConsumer<byte[], byte[]> consumer, int count, int mark, Map<String, String> storyOfOutput,
                              StoryCheck check) {
        int seen = 0;
        long marked = System.nanoTime();
        Instant deadline = Instant.now().plus(TIMEOUT);
        Instant lastOutput = Instant.now();
        while (seen < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("only " + seen + " of " + count + " outputs within " + TIMEOUT);
            }
            if (Duration.between(lastOutput, Instant.now()).compareTo(STALL) > 0) {
                throw new IllegalStateException("no output for " + STALL + " after " + seen + " of " + count);
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            if (!records.isEmpty()) {
                lastOutput = Instant.now();
            }
            for (ConsumerRecord<byte[], byte[]> r : records) {
                seen++;
                if (seen == mark) {
                    marked = System.nanoTime();
                }
                if (check != null) {
                    storyOfOutput.put(new String(r.key(), StandardCharsets.UTF_8), check.outputStory().apply(r.value()));
                }
            }
            samplePeakHeap();
        }
        return marked;
    }

    /** @param stories how the verdicts matched the workload's stories, or null without a story check */
    public record Throughput(double articlesPerSecond, StoryTally stories) {
    }

    /**
     * @param copies    the workload's copies among the outputs
     * @param together  copies the outputs put in the same story as their original
     * @param misplaced articles the outputs put in another workload story than their own
     */
    public record StoryTally(int copies, int together, int misplaced) {

        static StoryTally of(Map<String, String> storyOfOutput, Function<String, String> workloadStory) {
            int copies = 0;
            int together = 0;
            int misplaced = 0;
            for (Map.Entry<String, String> e : storyOfOutput.entrySet()) {
                String id = e.getKey();
                String original = workloadStory.apply(id);
                if (!original.equals(id)) {
                    copies++;
                    together += e.getValue().equals(storyOfOutput.get(original)) ? 1 : 0;
                }
                misplaced += original.equals(workloadStory.apply(e.getValue())) ? 0 : 1;
            }
            return new StoryTally(copies, together, misplaced);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "copies in their original's story %d of %d, articles in a wrong story %d",
                    together, copies, misplaced);
        }
    }

    /**
     * Waits until the application's consumer group has consumed every partition it reads (raw, the
     * repartition) to the end: the backlog's later stages trail its first outputs, and latency measured before
     * they drain measures the backlog instead of the offered rate.
     */
    public void drain(String applicationId) throws Exception {
        try (Admin admin = Admin.create(clients.common())) {
            Instant deadline = Instant.now().plus(DRAIN_TIMEOUT);
            int drainedChecks = 0;
            while (drainedChecks < 2) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(applicationId + " still has unconsumed records after " + DRAIN_TIMEOUT);
                }
                Thread.sleep(1000);
                samplePeakHeap();
                // At most one: the last transaction's commit marker takes an offset no record is behind.
                drainedChecks = largestLag(admin, applicationId) <= 1 ? drainedChecks + 1 : 0;
            }
        }
    }

    /**
     * The bytes the topics take in the brokers' logs (every partition and replica; record overhead included, log
     * compaction as far as it has run).
     */
    public long bytesOnDisk(Collection<String> topics) throws Exception {
        try (Admin admin = Admin.create(clients.common())) {
            List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
            long bytes = 0;
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
                for (LogDirDescription dir : dirs.values()) {
                    for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                        if (topics.contains(replica.getKey().topic())) {
                            bytes += replica.getValue().size();
                        }
                    }
                }
            }
            return bytes;
        }
    }

    /** How many committed records a topic holds (read from its beginning: for topics nothing purges). */
    public long committedRecords(String topic) throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = consumerAtStart(List.of(topic))) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            long count = 0;
            Instant deadline = Instant.now().plus(DRAIN_TIMEOUT);
            while (consumer.assignment().stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end in " + DRAIN_TIMEOUT);
                }
                count += consumer.poll(POLL).count();
            }
            return count;
        }
    }

    /** How many records the input topic holds: every article the system under test was given. */
    public long articlesGiven() throws Exception {
        try (Admin admin = Admin.create(clients.common())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(input.name())).allTopicNames().get().get(input.name()).partitions()
                    .forEach(p -> latest.put(new TopicPartition(input.name(), p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
        }
    }

    /** The most records the group has not consumed yet on one partition it has committed offsets for. */
    private static long largestLag(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        long largest = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
            largest = Math.max(largest, ends.get(e.getKey()).offset() - e.getValue().offset());
        }
        return largest;
    }

    /**
     * Latencies in milliseconds, send to receipt: of the output, and of the first alert an article raised.
     *
     * @param notOut measured articles whose output had not come when the phase gave up waiting (three times its
     *               length): counted in {@code output} at how long they had waited, a lower bound
     */
    /**
     * @param output the output latencies of every article
     * @param copies those of the articles that are syndicated copies (a copy may wait for its original's verdict)
     */
    public record Latencies(double[] output, double[] copies, double[] alert, int notOut) {
    }

    /**
     * Offers articles at {@code perSecond} for {@code duration} and returns each output's latency in milliseconds
     * (send to receipt), skipping the first second; with an alert topic, also each article's first alert's.
     *
     * @param isCopy         whether an article id is a syndicated copy in the workload
     * @param alerts         the alert topic, or null
     * @param alertArticleId the article id of an alert record's value
     */
    public Latencies latencies(Function<Instant, RawArticle> articles, int perSecond, Duration duration, Predicate<String> isCopy,
                               String alerts, Function<byte[], String> alertArticleId) throws Exception {
        Map<String, Long> sentAt = new HashMap<>();
        Map<String, Long> awaitingAlert = new HashMap<>();
        List<Double> latencies = new ArrayList<>();
        List<Double> copyLatencies = new ArrayList<>();
        List<Double> alertLatencies = new ArrayList<>();
        List<String> topics = alerts == null ? List.of(output) : List.of(output, alerts);
        try (KafkaConsumer<byte[], byte[]> consumer = consumerAtEnd(topics); KafkaProducer<byte[], byte[]> producer = producer()) {
            long start = System.nanoTime();
            long total = perSecond * duration.toSeconds();
            long sent = 0;
            long warmup = perSecond;
            while (sent < total || sentAt.size() > 0 && System.nanoTime() - start < duration.toNanos() * 3) {
                long due = Math.min(total, (System.nanoTime() - start) * perSecond / 1_000_000_000L);
                for (; sent < due; sent++) {
                    RawArticle a = articles.apply(Instant.now());
                    sentAt.put(a.getId(), sent < warmup ? -1L : System.nanoTime());
                    awaitingAlert.put(a.getId(), sentAt.get(a.getId()));
                    producer.send(record(a));
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(5))) {
                    boolean alert = r.topic().equals(alerts);
                    String id = alert ? alertArticleId.apply(r.value()) : new String(r.key(), StandardCharsets.UTF_8);
                    Long t = alert ? awaitingAlert.remove(id) : sentAt.remove(id);
                    if (t != null && t > 0) {
                        double ms = (System.nanoTime() - t) / 1e6;
                        (alert ? alertLatencies : latencies).add(ms);
                        if (!alert && isCopy.test(id)) {
                            copyLatencies.add(ms);
                        }
                    }
                }
                samplePeakHeap();
            }
        }
        // Leaving out what never came would flatter an overloaded system: it counts at its wait so far.
        long end = System.nanoTime();
        int notOut = 0;
        for (Map.Entry<String, Long> waiting : sentAt.entrySet()) {
            long t = waiting.getValue();
            if (t > 0) {
                latencies.add((end - t) / 1e6);
                if (isCopy.test(waiting.getKey())) {
                    copyLatencies.add((end - t) / 1e6);
                }
                notOut++;
            }
        }
        return new Latencies(toArray(latencies), toArray(copyLatencies), toArray(alertLatencies), notOut);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public long peakHeapMb() {
        return peakHeap.get() / (1024 * 1024);
    }

    private void samplePeakHeap() {
        peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    }

    private ProducerRecord<byte[], byte[]> record(RawArticle a) {
        return new ProducerRecord<>(input.name(), null, a.getIngestedAt().toEpochMilli(),
                input.keySerde().serializer().serialize(input.name(), a.getId()),
                input.valueSerde().serializer().serialize(input.name(), a));
    }

    /**
     * The load generator's producer: not idempotent. On this 2-core machine an idempotent producer writing a large
     * backlog to a just-created topic was seen stuck retrying a batch the broker refused as out of sequence, leaving
     * a hole in the backlog; the benchmark needs every article written, not exactly-once input.
     */
    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = clients.producer();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<byte[], byte[]> consumerAtStart(List<String> topics) {
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(clients.readCommittedConsumer(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            c.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        c.assign(partitions);
        c.seekToBeginning(partitions);
        return c;
    }

    private KafkaConsumer<byte[], byte[]> consumerAtEnd(List<String> topics) {
        KafkaConsumer<byte[], byte[]> c = consumerAtStart(topics);
        c.seekToEnd(c.assignment());
        c.assignment().forEach(c::position);
        return c;
    }
}
