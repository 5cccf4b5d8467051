package io.newsstream.dedup;

import io.newsstream.kafka.RetentionCutoff;
import io.newsstream.schema.StoryCluster;
import io.newsstream.schema.StoryMember;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Builds the story record. Input: {@link StoryMember}s keyed by cluster id. Output: the updated
 * {@link StoryCluster}, keyed by cluster id, for the compacted story topic.
 *
 * <p>Owns the store {@value #STORE}: cluster id → {@link StoryCluster}, evicted after the retention (event
 * time). The compacted topic keeps the last state of an evicted story.
 */
public final class StoryClusterProcessor implements Processor<String, StoryMember, String, StoryCluster> {

    public static final String STORE = "story-cluster-store";

    private final StoryClusters clusters;
    private final Duration retention;
    private final Duration evictionInterval;
    private ProcessorContext<String, StoryCluster> context;
    private KeyValueStore<String, StoryCluster> store;

    public StoryClusterProcessor(StoryClusters clusters, Duration retention, Duration evictionInterval) {
        this.clusters = clusters;
        this.retention = retention;
        this.evictionInterval = evictionInterval;
    }

    @Override
    public void init(ProcessorContext<String, StoryCluster> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        context.schedule(evictionInterval, PunctuationType.WALL_CLOCK_TIME, now -> evictExpired());
    }

    @Override
    public void process(Record<String, StoryMember> record) {
        StoryCluster updated = clusters.add(store.get(record.key()), record.key(), record.value(),
                Instant.ofEpochMilli(record.timestamp()));
        store.put(record.key(), updated);
        context.forward(record.withValue(updated));
    }

    private void evictExpired() {
        OptionalLong expiry = RetentionCutoff.of(context, retention);
        if (expiry.isEmpty()) {
            return;
        }
        Instant cutoff = Instant.ofEpochMilli(expiry.getAsLong());
        try (KeyValueIterator<String, StoryCluster> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, StoryCluster> next = all.next();
                if (next.value.getUpdatedAt().isBefore(cutoff)) {
                    store.delete(next.key);
                }
            }
        }
    }
}
