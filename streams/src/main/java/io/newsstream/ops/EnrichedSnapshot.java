package io.newsstream.ops;

import io.newsstream.kafka.KafkaClients;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.TopicScore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/** An enriched topic's articles as {@link EnrichedComparison} compares them, read from the cluster. */
public final class EnrichedSnapshot {

    private EnrichedSnapshot() {
    }

    /** A topic's articles by id, read committed to its end as of now (the last record of an id wins). */
    public static Map<String, EnrichedComparison.Article> read(KafkaClients clients, String topic, Optional<Instant> since,
                                                       Deserializer<EnrichedArticle> deserializer) {
        Map<String, EnrichedComparison.Article> articles = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.readCommittedConsumer(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("no topic " + topic);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            since.ifPresent(t -> {
                Map<TopicPartition, Long> times = partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> t.toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                partitions.forEach(tp -> consumer.seek(tp, found.get(tp) == null ? ends.get(tp) : found.get(tp).offset()));
            });
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    EnrichedArticle e = deserializer.deserialize(topic, r.value());
                    articles.put(e.getId(), new EnrichedComparison.Article(e.getId(),
                            e.getTopics().stream().map(TopicScore::getLabel).collect(Collectors.toSet()),
                            e.getDedup() == null ? "none" : e.getDedup().getStatus() + " of " + e.getDedup().getCanonicalId()));
                }
            }
        }
        return articles;
    }
}
