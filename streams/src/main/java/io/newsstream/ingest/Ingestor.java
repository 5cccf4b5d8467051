package io.newsstream.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.Topic;
import io.newsstream.kafka.Topics;
import io.newsstream.schema.RejectedArticle;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes ingest outcomes to Kafka as they are read: accepted articles to the raw topic (key: article id),
 * rejections to the rejected topic (key: origin). Memory stays bounded whatever the input size: nothing is kept
 * but counts, and the producer blocks when its buffer is full. The producer is idempotent with {@code acks=all};
 * {@link #ingest} returns only once every record is acknowledged, and fails if any was not.
 *
 * <p>Records are stamped with the ingest time; the publication time travels in the value (see
 * {@code pipeline.EventTime}), so broker retention never deletes an accepted article for being old news.
 */
public final class Ingestor implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final Topics topics;
    private final Clock clock;
    private final MeterRegistry meters;

    public Ingestor(KafkaClients clients, Topics topics, Clock clock) {
        this(clients, topics, clock, new CompositeMeterRegistry());
    }

    /** As above, counting accepted articles and rejections by kind into the given meters. */
    public Ingestor(KafkaClients clients, Topics topics, Clock clock, MeterRegistry meters) {
        this.producer = new KafkaProducer<>(clients.producer(), new ByteArraySerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Reads the inputs and writes every outcome.
     *
     * @param listener told of each outcome as it is read (for progress and error lines)
     */
    public IngestReport ingest(List<String> inputs, InputReader reader, Consumer<IngestOutcome> listener) {
        long[] counts = new long[3];
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        reader.read(inputs, outcome -> {
            listener.accept(outcome);
            count(outcome);
            if (outcome instanceof IngestOutcome.Accepted a) {
                counts[0]++;
                counts[2] += a.controlCharactersRemoved();
                send(topics.raw(), a.article().getId(), a.article(), failed, firstFailure);
            } else if (outcome instanceof IngestOutcome.Rejected r) {
                counts[1]++;
                send(topics.rejected(), r.origin(), toRecord(r), failed, firstFailure);
            }
        });
        producer.flush();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " records could not be written to Kafka; the first error: "
                    + firstFailure.get().getMessage(), firstFailure.get());
        }
        return new IngestReport(counts[0], counts[1], counts[2]);
    }

    /**
     * Writes one request's outcomes (accepted articles to the raw topic, rejections to the rejected topic) and
     * returns once Kafka has acknowledged every one. Thread-safe: concurrent requests share the producer.
     *
     * @throws IllegalStateException when any could not be written
     */
    public void writeAndWait(List<IngestOutcome> outcomes) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try {
            for (IngestOutcome outcome : outcomes) {
                if (outcome instanceof IngestOutcome.Accepted a) {
                    sent.add(producer.send(record(topics.raw(), a.article().getId(), a.article())));
                } else if (outcome instanceof IngestOutcome.Rejected r) {
                    sent.add(producer.send(record(topics.rejected(), r.origin(), toRecord(r))));
                }
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
            // Counted once Kafka has them: a request that fails and is retried counts once.
            outcomes.forEach(this::count);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to Kafka", e);
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("could not write to Kafka: " + cause.getMessage(), cause);
        }
    }

    private void count(IngestOutcome outcome) {
        if (outcome instanceof IngestOutcome.Rejected r) {
            Counter.builder("newsstream.ingest.rejected").description("Inputs refused at ingest, by kind of reason")
                    .tag("reason", r.kind()).register(meters).increment();
        } else {
            Counter.builder("newsstream.ingest.accepted").description("Articles accepted at ingest")
                    .register(meters).increment();
        }
    }

    private <V> ProducerRecord<byte[], byte[]> record(Topic<String, V> topic, String key, V value) {
        return new ProducerRecord<>(topic.name(), null, clock.millis(), topic.keySerde().serializer().serialize(topic.name(), key),
                topic.valueSerde().serializer().serialize(topic.name(), value));
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

    private <V> void send(Topic<String, V> topic, String key, V value, AtomicLong failed, AtomicReference<Exception> first) {
        try {
            producer.send(record(topic, key, value), (metadata, error) -> {
                if (error != null) {
                    failed.incrementAndGet();
                    first.compareAndSet(null, error);
                }
            });
        } catch (RuntimeException e) {
            // Refused before sending (a record over the producer's max.request.size, say): counted, and the run fails.
            failed.incrementAndGet();
            first.compareAndSet(null, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
