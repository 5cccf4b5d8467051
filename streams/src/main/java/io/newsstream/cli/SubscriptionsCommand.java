package io.newsstream.cli;

import io.newsstream.config.NewsstreamConfig;
import io.newsstream.schema.Subscription;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsstream subscriptions}: list the alert subscriptions in force. */
@Command(name = "subscriptions", mixinStandardHelpOptions = true,
        description = "List the alert subscriptions in force, one per line: id, query, topics.")
final class SubscriptionsCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: bootstrap.servers from the "
            + "configuration, else " + ConfigOptions.LOCAL_KAFKA + ").")
    String bootstrapServers;

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        NewsstreamConfig config = options.build(bootstrapServers);
        Map<String, Subscription> current = new SubscriptionTopic(config, ConfigOptions.existingCluster(config)).current();
        PrintWriter out = spec.commandLine().getOut();
        current.values().forEach(s -> out.println(s.getId() + "\t" + s.getQuery()
                + (s.getTopics().isEmpty() ? "" : "\ttopics=" + String.join(",", s.getTopics()))));
        out.println(current.size() + " subscription" + (current.size() == 1 ? "" : "s"));
        return 0;
    }
}
