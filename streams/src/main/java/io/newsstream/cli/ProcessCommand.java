package io.newsstream.cli;

import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.PipelineFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        long started = System.nanoTime();
        ArchiveRun.Result result = ArchiveRun.run(config, taxonomy, inputs, err);
        write(result.enriched(), output);
        for (PipelineFailure f : result.failures()) {
            err.println("failed " + f.getOrigin() + ": " + f.getErrorClass() + ": " + f.getErrorMessage());
        }
        if (!result.missing().isEmpty()) {
            err.println("process: " + result.missing().size() + " articles did not come out within "
                    + config.processTimeout() + ": " + result.missing());
        }
        spec.commandLine().getOut().printf("process: %s; wrote %d events to %s; %d failed; %.1f s%n",
                result.ingest().summary(), result.enriched().size(), output, result.failures().size(),
                (System.nanoTime() - started) / 1e9);
        boolean complete = result.missing().isEmpty() && result.failures().isEmpty();
        return complete && result.ingest().rejected().isEmpty() ? 0 : 1;
    }

    private static void write(List<EnrichedArticle> events, Path output) throws IOException {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (EnrichedArticle e : events) {
                w.write(EnrichedJson.line(e));
                w.write('\n');
            }
        }
    }
}
