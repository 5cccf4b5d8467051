package io.newsstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.kafka.Topics;
import io.newsstream.ops.ApplicationStatus;
import io.newsstream.ops.StatusProbe;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsstream status}: a pipeline application's state at a glance, read from the cluster. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show a pipeline application's state: its running instances and their partitions, lag per input "
            + "partition (against its committed offsets), articles in and out and dead letters over the last minute "
            + "(by record time), and how long the oldest unprocessed article has waited.",
            "Exit code 1 when no instance is running or the lag grew between two samples --sample apart; 0 otherwise."})
final class StatusCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: bootstrap.servers from the "
            + "configuration, else " + ConfigOptions.LOCAL_KAFKA + ").")
    String bootstrapServers;

    @Option(names = "--application-id", paramLabel = "ID", description = "The application (default: application.id from the configuration).")
    String applicationId;

    @Option(names = "--sample", defaultValue = "5s", paramLabel = "DURATION",
            description = "Time between the two lag samples that tell whether lag grows; 0s for one sample (default: ${DEFAULT-VALUE}).")
    String sample;

    @Option(names = "--json", description = "Print one JSON object, for scripts.")
    boolean json;

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        NewsstreamConfig config = options.build(bootstrapServers);
        String id = applicationId == null ? config.applicationId() : applicationId;
        Topics topics = new Topics(config.topics());
        Duration gap = NewsstreamConfig.parseDurationText("--sample", sample);
        ApplicationStatus status = new StatusProbe(ConfigOptions.existingCluster(config), Clock.systemUTC())
                .probe(id, topics.raw().name(), topics.enriched().name(), topics.dlq().name(), gap);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? JSON.writeValueAsString(asJson(status)) + System.lineSeparator() : status.describe());
        out.flush();
        return status.problem().isPresent() ? 1 : 0;
    }

    static Map<String, Object> asJson(ApplicationStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("applicationId", s.applicationId());
        m.put("groupState", s.groupState());
        m.put("instances", s.instances().stream().map(i -> Map.of("clientId", i.clientId(), "host", i.host(),
                "partitions", i.partitions())).toList());
        m.put("lag", s.lag().stream().map(l -> Map.of("topic", l.topic(), "partition", l.partition(),
                "committed", l.committed(), "end", l.end(), "lag", l.lag())).toList());
        m.put("totalLag", s.totalLag());
        m.put("lagGrowing", s.lagGrowing().orElse(null));
        m.put("rawLastMinute", s.rawLastMinute());
        m.put("enrichedOffsetsLastMinute", s.enrichedLastMinute());
        m.put("deadLetters", s.deadLetters());
        m.put("deadLettersLastMinute", s.deadLettersLastMinute());
        m.put("oldestUnprocessedSeconds", s.oldestUnprocessed().map(Duration::toSeconds).orElse(null));
        m.put("problem", s.problem().orElse(null));
        return m;
    }
}
