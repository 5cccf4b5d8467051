package io.newsstream.loadtest;

import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.Topic;
import io.newsstream.schema.RawArticle;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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

    /** Writes the backlog; call before the system under test starts. */
    public void preload(List<RawArticle> articles) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (RawArticle a : articles) {
                producer.send(record(a));
            }
            producer.flush();
        }
    }

    /** Waits until {@code count} outputs have arrived; the steady-state rate between the 10th and 90th percentile. */
    public double throughput(int count) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumerAtStart(List.of(output))) {
            int seen = 0;
            long t10 = 0;
            long t90 = 0;
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (seen < count && Instant.now().isBefore(deadline)) {
                seen += consumer.poll(POLL).count();
                samplePeakHeap();
                if (t10 == 0 && seen >= count / 10) {
                    t10 = System.nanoTime();
                }
                if (t90 == 0 && seen >= count * 9 / 10) {
                    t90 = System.nanoTime();
                }
            }
            if (t90 == 0) {
                throw new IllegalStateException("only " + seen + " of " + count + " outputs within " + TIMEOUT);
            }
            return (count * 0.8) / ((t90 - t10) / 1e9);
        }
    }

    /** Latencies in milliseconds, send to receipt: of the output, and of the first alert an article raised. */
    public record Latencies(double[] output, double[] alert) {
    }

    /**
     * Offers articles at {@code perSecond} for {@code duration} and returns each output's latency in milliseconds
     * (send to receipt), skipping the first second; with an alert topic, also each article's first alert's.
     *
     * @param alerts         the alert topic, or null
     * @param alertArticleId the article id of an alert record's value
     */
    public Latencies latencies(Function<Instant, RawArticle> articles, int perSecond, Duration duration, String alerts,
                               Function<byte[], String> alertArticleId) throws Exception {
        Map<String, Long> sentAt = new HashMap<>();
        Map<String, Long> awaitingAlert = new HashMap<>();
        List<Double> latencies = new ArrayList<>();
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
                    Long t = alert ? awaitingAlert.remove(alertArticleId.apply(r.value())) : sentAt.remove(new String(r.key()));
                    if (t != null && t > 0) {
                        (alert ? alertLatencies : latencies).add((System.nanoTime() - t) / 1e6);
                    }
                }
                samplePeakHeap();
            }
        }
        return new Latencies(latencies.stream().mapToDouble(Double::doubleValue).toArray(),
                alertLatencies.stream().mapToDouble(Double::doubleValue).toArray());
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

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(clients.producer(), new ByteArraySerializer(), new ByteArraySerializer());
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
