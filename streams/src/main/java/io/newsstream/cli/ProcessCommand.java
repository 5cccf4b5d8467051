package io.newsstream.cli;

import io.newsstream.alert.Subscriptions;
import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.schema.PipelineFailure;
import io.newsstream.schema.Subscription;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code newsstream process}: an archive through the real pipeline, enriched events out as JSON Lines. */
@Command(name = "process", mixinStandardHelpOptions = true,
        description = {"Process an archive through the real pipeline and write every enriched event as a JSON line. "
            + "Without --bootstrap-servers it runs on an embedded broker that is removed afterwards.",
            "Exit code: 0 when every accepted article came out, 1 when some did not or inputs were rejected, 2 on errors."})
final class ProcessCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH", description = "Files, directories, or - for stdin.")
    List<String> inputs;

    @Option(names = "--output", required = true, paramLabel = "FILE.jsonl", description = "Where to write the enriched events.")
    Path output;

    @Option(names = "--subscriptions", paramLabel = "FILE.jsonl",
            description = "Alert subscriptions for this run, one JSON object per line: {\"id\": ..., \"query\": ..., \"topics\": [...]} (topics optional).")
    Path subscriptionsFile;

    @Option(names = "--alerts-output", paramLabel = "FILE.jsonl", description = "Where to write the alerts raised, one JSON line each.")
    Path alertsOutput;

    @Option(names = "--bootstrap-servers", description = "Use this Kafka cluster instead of an embedded broker.")
    String bootstrapServers;

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        NewsstreamConfig config = options.build(bootstrapServers);
        Taxonomy taxonomy = Taxonomy.load(config.taxonomyFile());
        PrintWriter err = spec.commandLine().getErr();
        if ((subscriptionsFile == null) != (alertsOutput == null)) {
            err.println("process: --subscriptions and --alerts-output go together");
            return 2;
        }
        List<Subscription> subscriptions;
        try {
            subscriptions = subscriptionsFile == null ? List.of() : Subscriptions.readJsonLines(subscriptionsFile, Instant.now());
        } catch (IllegalArgumentException e) {
            err.println("process: refused subscriptions, nothing was run:");
            err.println(e.getMessage());
            return 2;
        }
        long started = System.nanoTime();
        ArchiveRun.Result result = ArchiveRun.run(config, taxonomy, inputs, subscriptions, err);
        writeLines(result.enriched().stream().map(EnrichedJson::line).toList(), output);
        if (alertsOutput != null) {
            writeLines(result.alerts().stream().map(AlertJson::line).toList(), alertsOutput);
        }
        for (PipelineFailure f : result.failures()) {
            err.println("failed " + f.getOrigin() + ": " + f.getErrorClass() + ": " + f.getErrorMessage());
        }
        if (!result.missing().isEmpty()) {
            err.println("process: " + result.missing().size() + " articles did not come out within "
                    + config.processTimeout() + ": " + result.missing());
        }
        spec.commandLine().getOut().printf("process: %s; wrote %d events to %s; %d failed;%s %.1f s%n",
                result.ingest().summary(), result.enriched().size(), output, result.failures().size(),
                alertsOutput == null ? "" : " " + result.alerts().size() + " alerts to " + alertsOutput + ";",
                (System.nanoTime() - started) / 1e9);
        boolean complete = result.missing().isEmpty() && result.failures().isEmpty();
        return complete && result.ingest().rejected() == 0 ? 0 : 1;
    }

    private static void writeLines(List<String> lines, Path output) throws IOException {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                w.write(line);
                w.write('\n');
            }
        }
    }
}
