package io.newsstream.alert;

import io.newsstream.schema.Alert;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.Subscription;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Matches each enriched article against the subscriptions. Input: {@link EnrichedArticle} keyed by article id.
 * Output: one candidate {@link Alert} per matching subscription, keyed by the article's story (cluster id), so
 * every copy of a story meets the same once-per-story state whatever partition it came from.
 */
public final class AlertMatchProcessor implements Processor<String, EnrichedArticle, String, Alert> {

    private final SubscriptionRegistry registry;
    private ProcessorContext<String, Alert> context;

    public AlertMatchProcessor(SubscriptionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        ReadOnlyKeyValueStore<String, Subscription> stored = context.getStateStore(SubscriptionStoreUpdater.STORE);
        Map<String, Subscription> all = new HashMap<>();
        try (KeyValueIterator<String, Subscription> it = stored.all()) {
            it.forEachRemaining(kv -> all.put(kv.key, kv.value));
        }
        registry.loadOnce(all);
    }

    @Override
    public void process(Record<String, EnrichedArticle> record) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        for (Alert alert : AlertMatcher.alertsFor(record.value(), registry.index(), now)) {
            context.forward(record.withKey(alert.getClusterId()).withValue(alert));
        }
    }
}
