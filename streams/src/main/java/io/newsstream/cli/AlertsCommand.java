package io.newsstream.cli;

import io.newsstream.config.NewsstreamConfig;
import io.newsstream.kafka.Topic;
import io.newsstream.kafka.Topics;
import io.newsstream.schema.Alert;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsstream alerts}: print alerts readably. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Print the alerts raised so far (and, with --follow, as they come): time, subscription, headline, "
            + "outlet, story, the passage that matched.")
final class AlertsCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: bootstrap.servers from the "
            + "configuration, else " + ConfigOptions.LOCAL_KAFKA + ").")
    String bootstrapServers;

    @Mixin
    ConfigOptions options;

    @Option(names = "--subscription", paramLabel = "ID", description = "Only this subscription's alerts.")
    String subscription;

    @Option(names = "--follow", description = "Keep waiting for new alerts (Ctrl-C to stop).")
    boolean follow;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        NewsstreamConfig config = options.build(bootstrapServers);
        Topic<String, Alert> alerts = new Topics(config.topics()).alerts();
        PrintWriter out = spec.commandLine().getOut();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                ConfigOptions.existingCluster(config).readCommittedConsumer(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(alerts.name()).stream()
                    .map(p -> new TopicPartition(alerts.name(), p.partition())).toList();
            if (partitions.isEmpty()) {
                spec.commandLine().getErr().println("alerts: no topic " + alerts.name() + " yet (has the pipeline run?)");
                return 1;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (follow || !TailCommand.caughtUp(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Alert a = alerts.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    if (subscription == null || subscription.equals(a.getSubscriptionId())) {
                        out.println(readable(a));
                    }
                }
                out.flush();
            }
        }
        return 0;
    }

    /** An alert as lines for a terminal: article text is escaped (see {@link TerminalText}). */
    static String readable(Alert a) {
        return TerminalText.safe(a.getAlertedAt() + "  [" + a.getSubscriptionId() + "]  " + (a.getTitle() == null ? a.getArticleId() : a.getTitle())
                + (a.getSource() == null ? "" : " — " + a.getSource())
                + "\n    " + a.getSnippet()
                + "\n    matched: " + String.join(", ", a.getMatched()) + "   story: " + a.getClusterId()
                + (a.getUrl() == null ? "" : "   " + a.getUrl()));
    }
}
