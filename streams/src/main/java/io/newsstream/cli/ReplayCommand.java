package io.newsstream.cli;

import io.newsstream.config.NewsstreamConfig;
import io.newsstream.ops.ReplayPlan;
import io.newsstream.ops.Replayer;
import io.newsstream.ops.TimeSpec;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsstream replay}: copies a time range of a topic, exactly once, without touching any application's offsets. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Copy the records of a topic whose timestamps fall in [--from, --to) into --into (default: the "
            + "topic itself), unchanged (key, value, headers, timestamp), adding the headers newsstream.replay.source "
            + "(topic/partition/offset) and newsstream.replay.at. Joins no consumer group: the live pipeline's offsets "
            + "do not move. Writes in transactions that commit its progress: interrupted and run again with the same "
            + "arguments, it writes each record exactly once.",
            "TIME: an ISO-8601 instant (2026-12-01T06:00:00Z), now, or a time before now (-90s, -30m, -2h, -7d)."})
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: bootstrap.servers from the "
            + "configuration, else " + ConfigOptions.LOCAL_KAFKA + ").")
    String bootstrapServers;

    @Option(names = "--topic", required = true, description = "Topic to replay.")
    String topic;

    @Option(names = "--from", required = true, paramLabel = "TIME", description = "First record time (inclusive).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End time (exclusive; default: the end of each partition when the replay starts).")
    String to;

    @Option(names = "--into", paramLabel = "TOPIC", description = "Where to write (default: --topic itself); created like --topic when missing.")
    String into;

    @Option(names = "--dry-run", description = "Print each partition's offset range and count; write nothing.")
    boolean dryRun;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "N", description = "Most records per second (default: no limit).")
    double rate;

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        NewsstreamConfig config = options.build(bootstrapServers);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant now = Instant.now();
        Replayer.Request request = new Replayer.Request(topic, into == null ? topic : into, TimeSpec.parse(from, now),
                Optional.ofNullable(to).map(t -> TimeSpec.parse(t, now)), rate);
        Replayer replayer = new Replayer(ConfigOptions.existingCluster(config), Clock.systemUTC());
        ReplayPlan plan = replayer.plan(request);
        if (dryRun) {
            out.printf("replay %s, %s to %s (dry run: nothing written)%n", request.id(), request.from(),
                    request.to().map(Instant::toString).orElse("the end"));
            out.print(plan.describe());
            out.flush();
            return 0;
        }
        if (plan.remaining() == 0) {
            out.printf("replay %s: nothing left to copy (%d records in the range, all copied by earlier runs)%n",
                    request.id(), plan.total());
            out.flush();
            return 0;
        }
        boolean terminal = System.console() != null;
        long started = System.nanoTime();
        long before = plan.total() - plan.remaining();
        long copied = replayer.run(request, plan, (done, total) -> {
            if (terminal) {
                err.print("\r" + progressBar(done - before, done, total, (System.nanoTime() - started) / 1e9));
                err.flush();
            }
        }, -1);
        if (terminal) {
            err.println();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "replay %s: copied %d records from %s into %s in %.1f s (%.0f/s); %d of %d in the range now copied%n",
                request.id(), copied, request.source(), request.target(), seconds, copied / Math.max(seconds, 1e-3),
                before + copied, plan.total());
        out.flush();
        return 0;
    }

    /** {@code [#########-----------]  4,200/10,000  1,230/s  ETA 5 s} */
    static String progressBar(long copiedNow, long done, long total, double seconds) {
        int width = 30;
        int filled = total == 0 ? width : (int) (width * done / total);
        double rate = copiedNow / Math.max(seconds, 1e-3);
        long eta = rate <= 0 ? 0 : Math.round((total - done) / rate);
        return String.format(Locale.ROOT, "[%s%s] %,d/%,d  %,.0f/s  ETA %d s", "#".repeat(filled), "-".repeat(width - filled),
                done, total, rate, eta);
    }
}
