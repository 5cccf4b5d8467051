package io.newsstream.dedup;

import io.newsstream.schema.AnchorBucket;
import io.newsstream.schema.AnchorMatch;
import io.newsstream.schema.AnchorProbe;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Candidate lookup, partitioned by anchor so that articles sharing an anchor meet on one partition whatever
 * partition or instance they came from. Input: {@link AnchorProbe}s keyed by anchor — probes (with a signature)
 * and cluster updates (without). Output: one {@link AnchorMatch} per probe, keyed by article id.
 *
 * <p>Owns the store {@value #STORE}: anchor → {@link AnchorBucket}. Entries not seen for the retention (event
 * time) are evicted by a wall-clock punctuator.
 */
public final class AnchorProcessor implements Processor<Long, AnchorProbe, String, AnchorMatch> {

    public static final String STORE = "dedup-anchor-store";

    private static final Logger LOG = LoggerFactory.getLogger(AnchorProcessor.class);

    private final AnchorBuckets buckets;
    private final Duration retention;
    private final Duration evictionInterval;
    private ProcessorContext<String, AnchorMatch> context;
    private KeyValueStore<Long, AnchorBucket> store;

    public AnchorProcessor(AnchorBuckets buckets, Duration retention, Duration evictionInterval) {
        this.buckets = buckets;
        this.retention = retention;
        this.evictionInterval = evictionInterval;
    }

    @Override
    public void init(ProcessorContext<String, AnchorMatch> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        context.schedule(evictionInterval, PunctuationType.WALL_CLOCK_TIME, now -> evictExpired());
    }

    @Override
    public void process(Record<Long, AnchorProbe> record) {
        AnchorProbe probe = record.value();
        if (probe.getSignature() == null) {
            AnchorBucket updated = buckets.recordCluster(store.get(record.key()), probe);
            if (updated != null) {
                store.put(record.key(), updated);
            }
            return;
        }
        AnchorBuckets.Outcome outcome = buckets.probe(store.get(record.key()), probe, Instant.ofEpochMilli(record.timestamp()),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        store.put(record.key(), outcome.bucket());
        context.forward(record.withKey(probe.getArticleId()).withValue(outcome.match()));
    }

    private void evictExpired() {
        long streamTime = context.currentStreamTimeMs();
        if (streamTime < 0) {
            return;
        }
        Instant now = Instant.ofEpochMilli(streamTime);
        int evicted = 0;
        try (KeyValueIterator<Long, AnchorBucket> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<Long, AnchorBucket> next = all.next();
                AnchorBucket kept = AnchorBuckets.evict(next.value, now, retention);
                if (kept == null) {
                    store.delete(next.key);
                    evicted++;
                } else if (kept.getEntries().size() != next.value.getEntries().size()) {
                    store.put(next.key, kept);
                }
            }
        }
        if (evicted > 0) {
            LOG.info("Task {}: evicted {} dedup anchors not seen for {}", context.taskId(), evicted, retention);
        }
    }
}
