package io.newsstream.cli;

import io.newsstream.config.NewsstreamConfig;
import io.newsstream.kafka.EmbeddedKafkaBroker;
import io.newsstream.kafka.KafkaClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Kafka a one-shot command works against: the cluster named by {@code bootstrap.servers}, or, when
 * none is given, an embedded broker in a temporary directory that is removed on close.
 */
final class KafkaTarget implements AutoCloseable {

    private final KafkaClients clients;
    private final EmbeddedKafkaBroker broker;
    private final Path tempDir;

    private KafkaTarget(KafkaClients clients, EmbeddedKafkaBroker broker, Path tempDir) {
        this.clients = clients;
        this.broker = broker;
        this.tempDir = tempDir;
    }

    static KafkaTarget open(NewsstreamConfig config) {
        if (config.bootstrapServers().isPresent()) {
            return new KafkaTarget(new KafkaClients(config.bootstrapServers().get(), config), null, null);
        }
        try {
            Path dir = Files.createTempDirectory("newsstream-");
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, dir.resolve("broker"));
            return new KafkaTarget(new KafkaClients(broker.bootstrapServers(), config), broker, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the embedded broker", e);
        }
    }

    KafkaClients clients() {
        return clients;
    }

    boolean embedded() {
        return broker != null;
    }

    /** Where Kafka Streams keeps its state for this run: inside the temporary directory when embedded. */
    NewsstreamConfig withRunState(NewsstreamConfig config) {
        if (tempDir == null || config.stateDir().isPresent()) {
            return config;
        }
        return config.with(Map.of("state.dir", tempDir.resolve("state").toString()));
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
            TempDirectory.delete(tempDir);
        }
    }
}
