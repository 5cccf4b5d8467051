package io.newsstream.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newsstream.config.NewsstreamConfig;
import io.newsstream.kafka.KafkaClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelinePropertiesTest {

    @TempDir
    Path dir;

    @Test
    void shouldRunExactlyOnceWithLargeProducerBatches() {
        NewsstreamConfig config = NewsstreamConfig.defaultConfig();
        Properties p = Pipeline.streamsProperties(config, new KafkaClients("localhost:9092", config));
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals(256 * 1024, p.get("producer.batch.size"));
    }

    @Test
    void shouldLetTheClientConfigurationChooseTheProducerBatchSize() throws IOException {
        Path client = dir.resolve("client.properties");
        Files.writeString(client, "producer.batch.size=65536\n");
        NewsstreamConfig config = NewsstreamConfig.defaultConfig().with(Map.of("client.config", client.toString()));
        Properties p = Pipeline.streamsProperties(config, new KafkaClients("localhost:9092", config));
        assertEquals("65536", p.get("producer.batch.size"));
    }
}
