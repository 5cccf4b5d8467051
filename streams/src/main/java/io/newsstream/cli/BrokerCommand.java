package io.newsstream.cli;

import io.newsstream.kafka.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code newsstream broker}: a single-node KRaft broker in this JVM, for local work. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run a single-node KRaft Kafka broker inside the JVM until Ctrl-C / SIGTERM. Data is kept in "
            + "--data-dir across restarts.")
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9092", description = "Client port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = "newsstream-data/broker", description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, dataDir.toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        spec.commandLine().getOut().println("broker: Kafka is up at " + broker.bootstrapServers()
                + " (data in " + broker.dataDir() + "); Ctrl-C to stop");
        spec.commandLine().getOut().flush();
        broker.awaitShutdown();
        return 0;
    }
}
