package io.newsstream.cli;

import io.newsstream.config.NewsstreamConfig;
import io.newsstream.ingest.IngestOutcome;
import io.newsstream.ingest.IngestReport;
import io.newsstream.ingest.Ingestor;
import io.newsstream.ingest.InputReader;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.TopicProvisioner;
import io.newsstream.kafka.Topics;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code newsstream ingest PATH...}: write articles from files, directories or stdin to the raw topic. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Read .txt, .json and .jsonl articles (files, directories recursively, - for stdin) and write them "
            + "to the raw topic. Bad inputs are reported and written to the rejected topic without stopping the rest.",
            "Exit code: 0 when all were accepted, 1 when any was rejected, 2 on errors."})
final class IngestCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: bootstrap.servers from the configuration, else "
            + ConfigOptions.LOCAL_KAFKA + ").")
    String bootstrapServers;

    @Mixin
    ConfigOptions options;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, directories, or - for stdin.")
    List<String> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        NewsstreamConfig config = options.build(bootstrapServers);
        KafkaClients clients = ConfigOptions.existingCluster(config);
        Topics topics = new Topics(config.topics());
        TopicProvisioner.ensureTopics(clients, topics.specs(List.of(topics.raw().name(), topics.rejected().name()),
                config.rawRetention()), config.partitions(), config.replicationFactor());
        PrintWriter err = spec.commandLine().getErr();
        IngestReport report;
        try (Ingestor ingestor = new Ingestor(clients, topics, Clock.systemUTC())) {
            report = ingestor.ingest(paths, new InputReader(config.maxArticleBytes(), config.maxTitleChars(), Clock.systemUTC(), System.in),
                    outcome -> reportRejection(err, outcome));
        }
        spec.commandLine().getOut().println("ingest: " + report.summary() + " -> " + topics.raw().name());
        return report.rejected() == 0 ? 0 : 1;
    }

    static void reportRejection(PrintWriter err, IngestOutcome outcome) {
        if (outcome instanceof IngestOutcome.Rejected r) {
            err.println("rejected " + TerminalText.safe(r.origin()) + ": " + TerminalText.safe(r.reason()));
            err.flush();
        }
    }
}
