package io.newsstream.cli;

import io.newsstream.config.NewsstreamConfig;
import io.newsstream.kafka.Topics;
import io.newsstream.ops.ApplicationReset;
import io.newsstream.ops.TimeSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsstream reset}: a stopped pipeline application made to reprocess its input. */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Reset a stopped pipeline application, as Kafka's streams reset tool does: its raw-topic offsets "
            + "to the earliest article (or --to-datetime), its internal changelog and repartition topics deleted, its "
            + "local state on this machine removed (other machines' state folders: reset there too, or delete them). "
            + "Output topics are kept: the next run writes its articles again, keyed as before. Refuses while any "
            + "instance runs, naming them."})
final class ResetCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: bootstrap.servers from the "
            + "configuration, else " + ConfigOptions.LOCAL_KAFKA + ").")
    String bootstrapServers;

    @Option(names = "--application-id", paramLabel = "ID", description = "The application (default: application.id from the configuration).")
    String applicationId;

    @Option(names = "--to-datetime", paramLabel = "TIME", description = "Reprocess from this time (ISO-8601, -2h, -7d; default: the earliest article).")
    String toDatetime;

    @Option(names = "--dry-run", description = "Print what would be reset; change nothing.")
    boolean dryRun;

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        NewsstreamConfig config = options.build(bootstrapServers);
        String id = applicationId == null ? config.applicationId() : applicationId;
        PrintWriter out = spec.commandLine().getOut();
        ApplicationReset reset = new ApplicationReset(ConfigOptions.existingCluster(config));
        ApplicationReset.Plan plan;
        try {
            plan = reset.plan(id, new Topics(config.topics()).raw().name(),
                    Optional.ofNullable(toDatetime).map(t -> TimeSpec.parse(t, Instant.now())), stateRoot(config));
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("reset: " + e.getMessage());
            return 1;
        }
        out.print(plan.describe());
        if (dryRun) {
            out.println("dry run: nothing changed");
        } else {
            reset.execute(plan);
            out.println("done: the next run of " + id + " reprocesses from there");
        }
        out.flush();
        return 0;
    }

    /** Where Kafka Streams keeps state on this machine: state.dir, else its default under the temporary folder. */
    private static Path stateRoot(NewsstreamConfig config) {
        return config.stateDir().orElse(Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams"));
    }
}
