package io.newsstream.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewsstreamConfigTest {

    @TempDir
    Path dir;

    @Test
    void shouldUseDocumentedDefaults() {
        NewsstreamConfig c = NewsstreamConfig.defaultConfig();
        assertEquals(Optional.empty(), c.bootstrapServers());
        assertEquals(6, c.partitions());
        assertEquals(Duration.ofDays(7), c.dedupRetention());
        assertEquals(1_000_000, c.maxArticleBytes());
        assertEquals(1000, c.maxTitleChars());
        assertEquals(java.util.Optional.empty(), c.rawRetention());
        assertEquals("news.article.raw.v1", c.topics().raw());
        assertEquals("news.topic.cartels.v1", c.topics().forLabel("cartels"));
    }

    @Test
    void shouldLayerFileThenEnvironmentThenFlags() throws IOException {
        Path file = dir.resolve("newsstream.properties");
        Files.writeString(file, "partitions=12\ndedup.retention=3d\ntopic.raw=custom.raw\n");
        NewsstreamConfig c = NewsstreamConfig.builder()
                .file(file)
                .environment(Map.of("NEWSSTREAM_PARTITIONS", "8", "NEWSSTREAM_INGEST_MAX_BYTES", "2048"))
                .overrides(Map.of("partitions", "4"))
                .build();
        assertEquals(4, c.partitions());
        assertEquals(Duration.ofDays(3), c.dedupRetention());
        assertEquals(2048, c.maxArticleBytes());
        assertEquals("custom.raw", c.topics().raw());
    }

    @Test
    void shouldRefuseUnknownKeysAndBadValuesWithAReason() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> NewsstreamConfig.builder().overrides(Map.of("partitons", "3")).build());
        assertTrue(unknown.getMessage().startsWith("unknown configuration key 'partitons'"));
        IllegalArgumentException duration = assertThrows(IllegalArgumentException.class,
                () -> NewsstreamConfig.builder().overrides(Map.of("dedup.retention", "a week")).build());
        assertTrue(duration.getMessage().startsWith("dedup.retention: 'a week' is not a duration"));
        assertThrows(IllegalArgumentException.class, () -> NewsstreamConfig.builder().overrides(Map.of("partitions", "0")).build());
    }

    @Test
    void shouldRedactSecretsWhenPrinted() throws IOException {
        Path client = dir.resolve("client.properties");
        Files.writeString(client, "security.protocol=SASL_SSL\nsasl.jaas.config=secret-stuff\nssl.truststore.password=hunter2\n");
        NewsstreamConfig c = NewsstreamConfig.builder().overrides(Map.of("client.config", client.toString())).build();
        assertEquals("secret-stuff", c.clientProperties().get("sasl.jaas.config"));
        String shown = c.toString();
        assertFalse(shown.contains("hunter2") || shown.contains("secret-stuff"), shown);
        assertTrue(shown.contains("client.security.protocol=SASL_SSL"), shown);
    }

    @Test
    void shouldParseDurationsInBothForms() {
        assertEquals(Duration.ofMillis(500), NewsstreamConfig.parseDuration("k", "500ms"));
        assertEquals(Duration.ofMinutes(10), NewsstreamConfig.parseDuration("k", "PT10M"));
        assertEquals(Duration.ofHours(2), NewsstreamConfig.parseDuration("k", "2h"));
    }

    @Test
    void shouldOpenNoMetricsPortUnlessOneIsGiven() {
        assertTrue(NewsstreamConfig.defaultConfig().metricsPort().isEmpty());
        assertEquals(9404, NewsstreamConfig.defaultConfig().with(Map.of("metrics.port", "9404")).metricsPort().getAsInt());
        IllegalArgumentException notAPort = assertThrows(IllegalArgumentException.class,
                () -> NewsstreamConfig.defaultConfig().with(Map.of("metrics.port", "70000")));
        assertTrue(notAPort.getMessage().contains("metrics.port"), notAPort.getMessage());
    }
}
