package io.newsstream.it;

import io.newsstream.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The foundation scenario on the in-JVM KRaft broker. */
class EmbeddedBrokerIT extends PipelineScenario {

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws IOException {
        broker = EmbeddedKafkaBroker.start(0, testDir("broker-" + UUID.randomUUID()));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Override
    String bootstrapServers() {
        return broker.bootstrapServers();
    }
}
