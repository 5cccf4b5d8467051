package io.newsstream.cli;

import io.newsstream.config.NewsstreamConfig;
import io.newsstream.schema.Subscription;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsstream unsubscribe}: delete an alert subscription. */
@Command(name = "unsubscribe", mixinStandardHelpOptions = true,
        description = {"Delete an alert subscription (a tombstone on the subscription topic); no alert is raised for it afterwards.",
            "Exit code: 0 when deleted, 1 when there was no such subscription."})
final class UnsubscribeCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: bootstrap.servers from the "
            + "configuration, else " + ConfigOptions.LOCAL_KAFKA + ").")
    String bootstrapServers;

    @Mixin
    ConfigOptions options;

    @Option(names = "--id", required = true, description = "Subscription id.")
    String id;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        NewsstreamConfig config = options.build(bootstrapServers);
        SubscriptionTopic topic = new SubscriptionTopic(config, ConfigOptions.existingCluster(config));
        if (!topic.current().containsKey(id)) {
            spec.commandLine().getErr().println("unsubscribe: no subscription " + id + " in " + topic.name());
            return 1;
        }
        Map<String, Subscription> tombstone = new HashMap<>();
        tombstone.put(id, null);
        topic.write(tombstone);
        spec.commandLine().getOut().println("unsubscribed " + id);
        return 0;
    }
}
