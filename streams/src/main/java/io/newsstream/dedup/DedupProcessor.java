package io.newsstream.dedup;

import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.StoryEntry;
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
 * The dedup stage. Input: articles keyed by their exact content hash (so every copy of a text meets its
 * original on one partition, whichever partition or instance the articles arrived on). Output: the same
 * articles, still keyed by hash, with their {@link io.newsstream.schema.DedupVerdict} set.
 *
 * <p>Owns the store {@value #STORE}: content hash → {@link StoryEntry}. Entries not seen for the retention
 * (event time) are evicted by a wall-clock punctuator, so state stays bounded.
 */
public final class DedupProcessor implements Processor<String, EnrichedArticle, String, EnrichedArticle> {

    public static final String STORE = "dedup-fingerprint-store";

    private static final Logger LOG = LoggerFactory.getLogger(DedupProcessor.class);

    private final Duration retention;
    private final Duration evictionInterval;
    private ProcessorContext<String, EnrichedArticle> context;
    private KeyValueStore<String, StoryEntry> store;

    public DedupProcessor(Duration retention, Duration evictionInterval) {
        this.retention = retention;
        this.evictionInterval = evictionInterval;
    }

    @Override
    public void init(ProcessorContext<String, EnrichedArticle> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        context.schedule(evictionInterval, PunctuationType.WALL_CLOCK_TIME, now -> evictExpired());
    }

    @Override
    public void process(Record<String, EnrichedArticle> record) {
        EnrichedArticle article = record.value();
        StoryMatcher.Decision decision = StoryMatcher.decide(article.getId(), store.get(record.key()),
                Instant.ofEpochMilli(record.timestamp()));
        store.put(record.key(), decision.entry());
        article.setDedup(decision.verdict());
        context.forward(record.withValue(article));
    }

    /** Deletes entries whose story was last seen longer than the retention ago, in stream time. */
    void evictExpired() {
        long streamTime = context.currentStreamTimeMs();
        if (streamTime < 0) {
            return;
        }
        Instant now = Instant.ofEpochMilli(streamTime);
        int evicted = 0;
        try (KeyValueIterator<String, StoryEntry> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, StoryEntry> next = all.next();
                if (StoryMatcher.isExpired(next.value, now, retention)) {
                    store.delete(next.key);
                    evicted++;
                }
            }
        }
        if (evicted > 0) {
            LOG.info("Task {}: evicted {} dedup entries older than {}", context.taskId(), evicted, retention);
        }
    }
}
