package io.newsstream.cli;

import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.TopicProvisioner;
import io.newsstream.kafka.Topics;
import io.newsstream.ops.TopicAudit;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code newsstream topics create|describe}: the topics newsstream needs, made and compared with the cluster's. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {"create: make every topic newsstream needs that is missing (raw, rejected, enriched, dead letters, "
            + "stories and subscriptions compacted, alerts, one per taxonomy label) with the configured partitions, "
            + "replication factor and settings; existing topics are left as they are. Then, like describe, show each "
            + "topic and how it differs from the configuration.",
            "describe: show each topic and its differences. Exit code 1 when any is missing or differs."})
final class TopicsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "create|describe", description = "What to do.")
    String action;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: bootstrap.servers from the "
            + "configuration, else " + ConfigOptions.LOCAL_KAFKA + ").")
    String bootstrapServers;

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!action.equals("create") && !action.equals("describe")) {
            throw new IllegalArgumentException("topics takes create or describe, got '" + action + "'");
        }
        NewsstreamConfig config = options.build(bootstrapServers);
        KafkaClients clients = ConfigOptions.existingCluster(config);
        Topics topics = new Topics(config.topics());
        Map<String, Map<String, String>> specs = topics.specs(topics.allNames(Taxonomy.load(config.taxonomyFile()).labelNames()),
                config.rawRetention());
        if (action.equals("create")) {
            TopicProvisioner.ensureTopics(clients, specs, config.partitions(), config.replicationFactor());
        }
        List<TopicAudit.Row> rows = TopicAudit.audit(clients, specs, config.partitions(), config.replicationFactor());
        PrintWriter out = spec.commandLine().getOut();
        out.print(TopicAudit.table(rows));
        out.flush();
        return rows.stream().allMatch(r -> r.differences().isEmpty()) ? 0 : 1;
    }
}
