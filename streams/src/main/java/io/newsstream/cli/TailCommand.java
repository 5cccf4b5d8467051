package io.newsstream.cli;

import io.newsstream.config.NewsstreamConfig;
import io.newsstream.kafka.NewsstreamRecords;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code newsstream tail}: print the records of a topic as JSON lines, whatever newsstream type they hold. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print a topic's records as JSON lines (the single-object header names each record's schema). "
            + "Exits after --max records or when caught up, unless --follow.")
final class TailCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(500);

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: bootstrap.servers from the configuration, else "
            + ConfigOptions.LOCAL_KAFKA + ").")
    String bootstrapServers;

    @Mixin
    ConfigOptions options;

    @Option(names = "--topic", required = true, description = "Topic to read.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the earliest record instead of the end.")
    boolean fromBeginning;

    @Option(names = "--max", defaultValue = "-1", description = "Stop after this many records.")
    long max;

    @Option(names = "--follow", description = "Keep waiting for new records (Ctrl-C to stop).")
    boolean follow;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        NewsstreamConfig config = options.build(bootstrapServers);
        PrintWriter out = spec.commandLine().getOut();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                ConfigOptions.existingCluster(config).readCommittedConsumer(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                spec.commandLine().getErr().println("tail: no such topic " + topic);
                return 2;
            }
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long printed = 0;
            while (max < 0 || printed < max) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    String key = r.key() == null ? "null" : "\"" + new String(r.key(), java.nio.charset.StandardCharsets.UTF_8) + "\"";
                    out.println("{\"partition\": " + r.partition() + ", \"offset\": " + r.offset() + ", \"key\": " + key
                            + ", \"value\": " + NewsstreamRecords.toJson(r.value()) + "}");
                    if (max >= 0 && ++printed >= max) {
                        break;
                    }
                }
                out.flush();
                if (!follow && caughtUp(consumer, end)) {
                    break;
                }
            }
        }
        return 0;
    }

    /** Whether the consumer has read up to the given end offsets. */
    static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        // With read_committed, transaction markers mean a position can pass the last record's offset.
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
