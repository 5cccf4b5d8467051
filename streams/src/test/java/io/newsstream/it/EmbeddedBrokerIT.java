package io.newsstream.it;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The foundation scenario on the in-JVM KRaft broker. */
class EmbeddedBrokerIT extends PipelineScenario {

    @RegisterExtension
    static final EmbeddedBroker broker = new EmbeddedBroker();

    @Override
    String bootstrapServers() {
        return broker.bootstrapServers();
    }
}
