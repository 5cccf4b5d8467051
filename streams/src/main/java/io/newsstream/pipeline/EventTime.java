package io.newsstream.pipeline;

import io.newsstream.schema.RawArticle;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * An article's event time, and the extractors that give it to Kafka Streams as the record timestamp of the
 * pipeline's sources. newsstream's topics are stamped by the broker when a record is written (so time retention
 * counts from then, see {@link io.newsstream.kafka.Topics#specs}); the event time travels in the value. Inside the
 * topology records carry it as their timestamp, as before, so stream time, eviction and story times are event time.
 */
public final class EventTime {

    private EventTime() {
    }

    /**
     * The publication time, never later than the ingest time (a feed's future date would otherwise run stream time
     * ahead and evict everything) nor before the epoch; the ingest time when the publication time is unknown.
     */
    public static long of(Instant publishedAt, Instant ingestedAt) {
        long ingested = ingestedAt.toEpochMilli();
        return publishedAt == null ? ingested : Math.max(0, Math.min(publishedAt.toEpochMilli(), ingested));
    }

    /** The raw topic's event time: from the {@link RawArticle} value. */
    public static final class OfRawArticle implements TimestampExtractor {
        @Override
        public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
            return record.value() instanceof RawArticle a ? of(a.getPublishedAt(), a.getIngestedAt()) : record.timestamp();
        }
    }
}
