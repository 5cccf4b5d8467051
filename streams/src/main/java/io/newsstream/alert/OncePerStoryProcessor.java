package io.newsstream.alert;

import io.newsstream.kafka.RetentionCutoff;
import io.newsstream.schema.Alert;
import io.newsstream.schema.AlertBatch;
import io.newsstream.schema.AlertedStory;
import java.time.Duration;
import java.time.Instant;
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
 * <p>Owns the store {@value #STORE}: cluster id → the subscriptions the story has alerted ({@link AlertedStory}),
 * one record per story so that an article costs one read and at most one write whatever the number of its
 * alerts; evicted after the retention (the same as the dedup stage's: a copy seen after it would be a new story
 * anyway), counted from the story's last alert.
 */
public final class OncePerStoryProcessor implements Processor<String, AlertBatch, String, Alert> {

    public static final String STORE = "alert-story-store";

    private final Duration retention;
    private final Duration evictionInterval;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, AlertedStory> alerted;

    public OncePerStoryProcessor(Duration retention, Duration evictionInterval) {
        this.retention = retention;
        this.evictionInterval = evictionInterval;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.alerted = context.getStateStore(STORE);
        context.schedule(evictionInterval, PunctuationType.WALL_CLOCK_TIME, now -> evictExpired());
    }

    @Override
    public void process(Record<String, AlertBatch> record) {
        String story = record.key();
        AlertedStories.Outcome outcome = AlertedStories.admit(alerted.get(story), record.value().getAlerts(),
                Instant.ofEpochMilli(record.timestamp()));
        if (outcome.updated() != null) {
            alerted.put(story, outcome.updated());
        }
        outcome.toSend().forEach(alert -> context.forward(record.withKey(alert.getSubscriptionId()).withValue(alert)));
    }

    private void evictExpired() {
        OptionalLong expiry = RetentionCutoff.of(context, retention);
        if (expiry.isEmpty()) {
            return;
        }
        long cutoff = expiry.getAsLong();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, AlertedStory> all = alerted.all()) {
            while (all.hasNext()) {
                KeyValue<String, AlertedStory> next = all.next();
                if (next.value.getLastAlerted().toEpochMilli() < cutoff) {
                    expired.add(next.key);
                }
            }
        }
        expired.forEach(alerted::delete);
    }
}
