package io.newsstream.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

/**
 * The topology's shape is part of its contract: a renamed processor, store or repartition topic loses state
 * or breaks consumers on upgrade. Any change shows up here as a diff of the checked-in description. After a
 * deliberate change, regenerate with {@code -Dnewsstream.update-snapshot=true} and review the diff.
 */
class TopologySnapshotTest {

    private static final Path SNAPSHOT = Path.of("src/test/resources/pipeline-topology.txt");

    @Test
    void shouldMatchTheCheckedInTopologyDescription() throws IOException {
        NewsstreamConfig config = NewsstreamConfig.defaultConfig();
        Properties props = Pipeline.streamsProperties(config, new KafkaClients("localhost:9092", config));
        Topology topology = Pipeline.topology(config, new Topics(config.topics()), Taxonomy.builtIn(), props);
        String actual = topology.describe().toString();
        if (Boolean.getBoolean("newsstream.update-snapshot")) {
            Files.writeString(SNAPSHOT, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(SNAPSHOT, StandardCharsets.UTF_8), actual);
    }
}
