package io.newsstream.alert;

import io.newsstream.kafka.RetentionCutoff;
import io.newsstream.schema.Alert;
import io.newsstream.schema.AlertBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Lets one alert per story and subscription through. Input: each article's candidate alerts as one
 * {@link AlertBatch}, keyed by cluster id (all of a story's copies meet here). Output: the first alert of each
 * story for each subscription, keyed by subscription id; later copies and replays of the story are dropped.
 *
 * <p>Owns the store {@value #STORE}: (cluster id, subscription id) → event time of the alert, evicted after
 * the retention (the same as the dedup stage's: a copy seen after it would be a new story anyway).
 */
public final class OncePerStoryProcessor implements Processor<String, AlertBatch, String, Alert> {

    public static final String STORE = "alert-sent-store";

    private final Duration retention;
    private final Duration evictionInterval;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, Long> sent;

    public OncePerStoryProcessor(Duration retention, Duration evictionInterval) {
        this.retention = retention;
        this.evictionInterval = evictionInterval;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.sent = context.getStateStore(STORE);
        context.schedule(evictionInterval, PunctuationType.WALL_CLOCK_TIME, now -> evictExpired());
    }

    @Override
    public void process(Record<String, AlertBatch> record) {
        for (Alert alert : record.value().getAlerts()) {
            // Length-prefixed: ids may contain any character, and two pairs must never share a key.
            String key = alert.getClusterId().length() + ":" + alert.getClusterId() + "/" + alert.getSubscriptionId();
            if (sent.get(key) == null) {
                sent.put(key, record.timestamp());
                context.forward(record.withKey(alert.getSubscriptionId()).withValue(alert));
            }
        }
    }

    private void evictExpired() {
        OptionalLong expiry = RetentionCutoff.of(context, retention);
        if (expiry.isEmpty()) {
            return;
        }
        long cutoff = expiry.getAsLong();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = sent.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> next = all.next();
                if (next.value < cutoff) {
                    expired.add(next.key);
                }
            }
        }
        expired.forEach(sent::delete);
    }
}
