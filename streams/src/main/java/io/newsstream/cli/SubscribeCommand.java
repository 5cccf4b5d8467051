package io.newsstream.cli;

import io.newsstream.alert.QuerySyntaxException;
import io.newsstream.alert.Subscriptions;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.schema.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsstream subscribe}: register or replace an alert subscription. */
@Command(name = "subscribe", mixinStandardHelpOptions = true,
        description = {"Register an alert subscription, or replace the one with the same id. The running pipeline applies "
            + "it to articles processed from then on, without a restart. An invalid query is refused with its position "
            + "and reason, and nothing is stored.", "Exit code: 0 when stored, 2 when refused."})
final class SubscribeCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: bootstrap.servers from the "
            + "configuration, else " + ConfigOptions.LOCAL_KAFKA + ").")
    String bootstrapServers;

    @Mixin
    ConfigOptions options;

    @Option(names = "--id", required = true, description = "Subscription id (the alerts' key).")
    String id;

    @Option(names = "--query", required = true, description = "The query, e.g. '(\"border wall\" OR cartel NEAR/5 fentanyl) NOT topic:foreign-policy'.")
    String query;

    @Option(names = "--topics", split = ",", paramLabel = "LABEL", description = "Only articles with one of these labels.")
    List<String> topics = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Subscription subscription;
        try {
            subscription = Subscriptions.of(id, query, topics, Instant.now());
        } catch (QuerySyntaxException e) {
            spec.commandLine().getErr().println("subscribe: " + e.getMessage());
            spec.commandLine().getErr().println("  " + query);
            spec.commandLine().getErr().println("  " + " ".repeat(e.position()) + "^");
            return 2;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("subscribe: " + e.getMessage());
            return 2;
        }
        NewsstreamConfig config = options.build(bootstrapServers);
        SubscriptionTopic topic = new SubscriptionTopic(config, ConfigOptions.existingCluster(config));
        topic.write(List.of(subscription));
        spec.commandLine().getOut().println("subscribed " + id + ": " + query
                + (topics.isEmpty() ? "" : " (topics " + String.join(", ", topics) + ")"));
        return 0;
    }
}
