package io.newsstream.cli;

import io.newsstream.config.NewsstreamConfig;
import io.newsstream.ingest.FolderWatcher;
import io.newsstream.ingest.IngestOutcome;
import io.newsstream.ingest.IngestReport;
import io.newsstream.ingest.Ingestor;
import io.newsstream.ingest.InputReader;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.TopicProvisioner;
import io.newsstream.kafka.Topics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code newsstream ingest PATH...}: write articles from files, directories or stdin to the raw topic. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Read .txt, .json and .jsonl articles (files, directories recursively, - for stdin) and write them "
            + "to the raw topic. Bad inputs are reported and written to the rejected topic without stopping the rest.",
            "Exit code: 0 when all were accepted, 1 when any was rejected, 2 on errors."})
final class IngestCommand implements Callable<Integer> {

    /** How long a watched file's size must stay the same before it is read: a file being copied in is read whole. */
    private static final Duration WATCH_SETTLE = Duration.ofSeconds(1);

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: bootstrap.servers from the configuration, else "
            + ConfigOptions.LOCAL_KAFKA + ").")
    String bootstrapServers;

    @Mixin
    ConfigOptions options;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, directories, or - for stdin.")
    List<String> paths;

    @Option(names = "--watch", description = "Keep running on one folder: ingest the files in it, then each file that "
            + "appears in it or below (created, copied or moved in) once its size has settled, until Ctrl-C / SIGTERM.")
    boolean watch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        NewsstreamConfig config = options.build(bootstrapServers);
        KafkaClients clients = ConfigOptions.existingCluster(config);
        Topics topics = new Topics(config.topics());
        TopicProvisioner.ensureIngestTopics(clients, config);
        PrintWriter err = spec.commandLine().getErr();
        if (watch) {
            return watch(config, clients, topics, err);
        }
        IngestReport report;
        try (Ingestor ingestor = new Ingestor(clients, topics, Clock.systemUTC())) {
            report = ingestor.ingest(paths, new InputReader(config.maxArticleBytes(), config.maxTitleChars(), Clock.systemUTC(), System.in),
                    outcome -> reportRejection(err, outcome));
        }
        spec.commandLine().getOut().println("ingest: " + report.summary() + " -> " + topics.raw().name());
        return report.rejected() == 0 ? 0 : 1;
    }

    /** Ingests each file of the folder as it settles, until the process is stopped. */
    private int watch(NewsstreamConfig config, KafkaClients clients, Topics topics, PrintWriter err) throws InterruptedException {
        if (paths.size() != 1 || !Files.isDirectory(Path.of(paths.get(0)))) {
            throw new IllegalArgumentException("--watch takes one folder, got " + paths);
        }
        PrintWriter out = spec.commandLine().getOut();
        InputReader reader = new InputReader(config.maxArticleBytes(), config.maxTitleChars(), Clock.systemUTC(), System.in);
        CountDownLatch finished = new CountDownLatch(1);
        try (Ingestor ingestor = new Ingestor(clients, topics, Clock.systemUTC());
             FolderWatcher watcher = new FolderWatcher(Path.of(paths.get(0)), WATCH_SETTLE, file -> {
                 IngestReport report = ingestor.ingest(List.of(file.toString()), reader, outcome -> reportRejection(err, outcome));
                 out.println("ingest: " + TerminalText.safe(file.toString()) + ": " + report.summary());
                 out.flush();
             })) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                watcher.close();
                try {
                    finished.await(30, TimeUnit.SECONDS); // the file in hand is written and the producer flushed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "newsstream-ingest-watch-shutdown"));
            out.println("ingest: watching " + paths.get(0) + " (Ctrl-C to stop)");
            out.flush();
            watcher.run();
        } finally {
            finished.countDown();
        }
        return 0;
    }

    static void reportRejection(PrintWriter err, IngestOutcome outcome) {
        if (outcome instanceof IngestOutcome.Rejected r) {
            err.println("rejected " + TerminalText.safe(r.origin()) + ": " + TerminalText.safe(r.reason()));
            err.flush();
        }
    }
}
