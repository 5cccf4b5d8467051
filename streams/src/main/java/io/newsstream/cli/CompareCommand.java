package io.newsstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.Topics;
import io.newsstream.ops.EnrichedComparison;
import io.newsstream.ops.EnrichedSnapshot;
import io.newsstream.ops.TimeSpec;
import io.newsstream.schema.EnrichedArticle;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsstream compare}: two enriched topics joined by article id, their differences summarised. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Join two enriched topics (live and a reprocess, say) by article id and summarise how b differs "
            + "from a: per label the articles it adds the label to, removes it from and leaves it on; dedup verdicts "
            + "that changed; articles only one side has — with a few examples of each."})
final class CompareCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: bootstrap.servers from the "
            + "configuration, else " + ConfigOptions.LOCAL_KAFKA + ").")
    String bootstrapServers;

    @Option(names = "--a", required = true, paramLabel = "TOPIC", description = "The first enriched topic (the reference).")
    String a;

    @Option(names = "--b", required = true, paramLabel = "TOPIC", description = "The second enriched topic.")
    String b;

    @Option(names = "--from", paramLabel = "TIME", description = "Only records from this time (ISO-8601, now, -2h, -7d; default: all).")
    String from;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        NewsstreamConfig config = options.build(bootstrapServers);
        KafkaClients clients = ConfigOptions.existingCluster(config);
        Deserializer<EnrichedArticle> enriched = new Topics(config.topics()).enriched().valueSerde().deserializer();
        Optional<Instant> since = Optional.ofNullable(from).map(f -> TimeSpec.parse(f, Instant.now()));
        EnrichedComparison.Report report = EnrichedComparison.compare(EnrichedSnapshot.read(clients, a, since, enriched),
                EnrichedSnapshot.read(clients, b, since, enriched));
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? JSON.writeValueAsString(report) + System.lineSeparator() : report.table(a, b));
        out.flush();
        return 0;
    }
}
