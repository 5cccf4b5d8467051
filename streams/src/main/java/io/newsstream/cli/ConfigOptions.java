package io.newsstream.cli;

import io.newsstream.config.NewsstreamConfig;
import io.newsstream.kafka.KafkaClients;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by every command that builds the configuration: a file, single overrides, Kafka access. */
final class ConfigOptions {

    /** Where commands that work against an existing cluster look when none is configured. */
    static final String LOCAL_KAFKA = "localhost:9092";

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with newsstream settings (see README: Configuration).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one setting, e.g. --set partitions=12 (repeatable).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--client-config", paramLabel = "FILE", description = "Kafka client properties (SASL/SSL and the like).")
    Path clientConfig;

    @Option(names = "--taxonomy", paramLabel = "FILE", description = "Taxonomy JSON replacing the built-in one.")
    Path taxonomy;

    @Option(names = "--model", paramLabel = "FILE", description = "Classifier model written by `newsstream train` "
            + "replacing the built-in one (`rules`: the taxonomy's keyword rules alone).")
    String model;

    /** Clients for the configured cluster, or for {@value #LOCAL_KAFKA} when none is configured. */
    static KafkaClients existingCluster(NewsstreamConfig config) {
        return new KafkaClients(config.bootstrapServers().orElse(LOCAL_KAFKA), config);
    }

    /** Defaults, then the file, then NEWSSTREAM_* environment variables, then the flags. */
    NewsstreamConfig build(String bootstrapServers) {
        NewsstreamConfig.Builder builder = NewsstreamConfig.builder();
        if (configFile != null) {
            builder.file(configFile);
        }
        builder.environment(System.getenv());
        Map<String, String> flags = new LinkedHashMap<>(settings);
        // Only the flags given: an absent one must not hide the same setting given with --set.
        putIfGiven(flags, "bootstrap.servers", bootstrapServers);
        putIfGiven(flags, "client.config", clientConfig);
        putIfGiven(flags, "taxonomy", taxonomy);
        putIfGiven(flags, "classifier.model", model);
        return builder.overrides(flags).build();
    }

    private static void putIfGiven(Map<String, String> flags, String key, Object value) {
        if (value != null) {
            flags.put(key, value.toString());
        }
    }
}
