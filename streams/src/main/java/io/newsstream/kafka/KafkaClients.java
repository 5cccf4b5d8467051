package io.newsstream.kafka;

import io.newsstream.config.NewsstreamConfig;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Kafka client properties derived from the configuration (bootstrap servers plus the client config file). */
public final class KafkaClients {

    private final String bootstrapServers;
    private final Map<String, String> clientProperties;

    public KafkaClients(String bootstrapServers, NewsstreamConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = config.clientProperties();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Properties shared by every client: bootstrap servers and security settings. */
    public Properties common() {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    /** An idempotent producer that waits for every in-sync replica. */
    public Properties producer() {
        Properties p = common();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }

    /** A consumer without a group that sees only committed records (the pipeline writes transactionally). */
    public Properties readCommittedConsumer() {
        Properties p = common();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }
}
