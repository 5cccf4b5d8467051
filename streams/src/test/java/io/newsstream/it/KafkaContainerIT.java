package io.newsstream.it;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The foundation scenario on a Kafka broker in a container; skipped cleanly where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerIT extends PipelineScenario {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.4.0");

    @Override
    String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
