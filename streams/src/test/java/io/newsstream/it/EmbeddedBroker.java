package io.newsstream.it;

import static io.newsstream.it.PipelineScenario.testDir;

import io.newsstream.kafka.EmbeddedKafkaBroker;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** An in-JVM KRaft broker for one test class: {@code @RegisterExtension static final EmbeddedBroker broker = ...}. */
final class EmbeddedBroker implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedKafkaBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        broker = EmbeddedKafkaBroker.start(0, testDir("broker-" + UUID.randomUUID()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        broker.close();
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }
}
