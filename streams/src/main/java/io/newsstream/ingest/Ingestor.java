package io.newsstream.ingest;

import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.Topic;
import io.newsstream.kafka.Topics;
import io.newsstream.schema.RawArticle;
import io.newsstream.schema.RejectedArticle;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes ingest outcomes to Kafka: accepted articles to the raw topic (key: article id), rejections to the
 * rejected topic (key: origin). The producer is idempotent with {@code acks=all}; {@link #ingest} returns
 * only once every record is acknowledged.
 */
public final class Ingestor implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final Topics topics;
    private final Clock clock;

    public Ingestor(KafkaClients clients, Topics topics, Clock clock) {
        this.producer = new KafkaProducer<>(clients.producer(), new ByteArraySerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.clock = clock;
    }

    /**
     * Reads the inputs and writes every outcome.
     *
     * @param listener told of each outcome as it is read (for progress and error lines)
     */
    public IngestReport ingest(List<String> inputs, InputReader reader, Consumer<IngestOutcome> listener) {
        List<RawArticle> accepted = new ArrayList<>();
        List<IngestOutcome.Rejected> rejected = new ArrayList<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        reader.read(inputs, outcome -> {
            listener.accept(outcome);
            if (outcome instanceof IngestOutcome.Accepted a) {
                accepted.add(a.article());
                sends.add(send(topics.raw(), a.article().getId(), a.article(), eventTime(a.article())));
            } else if (outcome instanceof IngestOutcome.Rejected r) {
                rejected.add(r);
                sends.add(send(topics.rejected(), r.origin(), toRecord(r), clock.millis()));
            }
        });
        producer.flush();
        awaitAll(sends);
        return new IngestReport(accepted, rejected);
    }

    /**
     * The record timestamp is the article's publication time, so retention and windows follow event time;
     * never later than now, which the broker would refuse, and the ingest time when it is unknown.
     */
    private long eventTime(RawArticle article) {
        long now = clock.millis();
        Instant published = article.getPublishedAt();
        // Kafka refuses negative timestamps: articles from before 1970 are stamped at the epoch.
        return published == null ? now : Math.max(0, Math.min(published.toEpochMilli(), now));
    }

    private RejectedArticle toRecord(IngestOutcome.Rejected r) {
        return RejectedArticle.newBuilder()
                .setOrigin(r.origin())
                .setReason(r.reason())
                .setExcerpt(r.excerpt())
                .setSizeBytes(r.sizeBytes())
                .setRejectedAt(clock.instant())
                .build();
    }

    private <V> Future<RecordMetadata> send(Topic<String, V> topic, String key, V value, long timestamp) {
        byte[] k = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] v = topic.valueSerde().serializer().serialize(topic.name(), value);
        return producer.send(new ProducerRecord<>(topic.name(), null, timestamp, k, v));
    }

    private static void awaitAll(List<Future<RecordMetadata>> sends) {
        try {
            for (Future<RecordMetadata> f : sends) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to Kafka", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to Kafka: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
