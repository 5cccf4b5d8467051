package io.newsstream.cli;

import io.newsstream.config.NewsstreamConfig;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.Topic;
import io.newsstream.kafka.TopicProvisioner;
import io.newsstream.kafka.Topics;
import io.newsstream.schema.Subscription;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;

/** Writing and reading the compacted subscription topic, for the commands that manage subscriptions. */
final class SubscriptionTopic {

    private final KafkaClients clients;
    private final Topic<String, Subscription> topic;

    SubscriptionTopic(NewsstreamConfig config, KafkaClients clients) {
        this.clients = clients;
        Topics topics = new Topics(config.topics());
        this.topic = topics.subscriptions();
        TopicProvisioner.ensureTopics(clients, topics.specs(List.of(topic.name()), config.rawRetention()), config.partitions(),
                config.replicationFactor());
    }

    String name() {
        return topic.name();
    }

    /** Writes subscriptions (or, for a null value, deletes one), acknowledged by every in-sync replica. */
    void write(Map<String, Subscription> byId) throws InterruptedException {
        Serializer<String> keys = topic.keySerde().serializer();
        Serializer<Subscription> values = topic.valueSerde().serializer();
        try (KafkaProducer<String, Subscription> producer = new KafkaProducer<>(clients.producer(), keys, values)) {
            for (Map.Entry<String, Subscription> e : byId.entrySet()) {
                producer.send(new ProducerRecord<>(topic.name(), e.getKey(), e.getValue())).get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to " + topic.name() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    void write(Collection<Subscription> subscriptions) throws InterruptedException {
        Map<String, Subscription> byId = new TreeMap<>();
        subscriptions.forEach(s -> byId.put(s.getId(), s));
        write(byId);
    }

    /** The subscriptions in force: the topic read to its end, later records replacing earlier ones. */
    Map<String, Subscription> current() {
        Map<String, Subscription> byId = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.readCommittedConsumer(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!TailCommand.caughtUp(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String id = topic.keySerde().deserializer().deserialize(r.topic(), r.key());
                    if (r.value() == null) {
                        byId.remove(id);
                    } else {
                        byId.put(id, topic.valueSerde().deserializer().deserialize(r.topic(), r.value()));
                    }
                }
            }
        }
        return byId;
    }
}
