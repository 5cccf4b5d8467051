package io.newsstream.alert;

import io.newsstream.schema.Alert;
import io.newsstream.schema.AlertBatch;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.Subscription;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Matches each enriched article against the subscriptions. Input: {@link EnrichedArticle} keyed by article id.
 * Output: the article's candidate alerts, one per matching subscription, as one {@link AlertBatch} keyed by the
 * article's story (cluster id) — every copy of a story meets the same once-per-story state whatever partition it
 * came from, and one record crosses the repartition instead of one per alert (~20 per article with 1,000 broad
 * subscriptions).
 */
public final class AlertMatchProcessor implements Processor<String, EnrichedArticle, String, AlertBatch> {

    private final SubscriptionRegistry registry;
    private ProcessorContext<String, AlertBatch> context;

    public AlertMatchProcessor(SubscriptionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void init(ProcessorContext<String, AlertBatch> context) {
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
        List<Alert> alerts = AlertMatcher.alertsFor(record.value(), registry.index(), now);
        if (!alerts.isEmpty()) {
            context.forward(record.withKey(record.value().getDedup().getClusterId()).withValue(new AlertBatch(alerts)));
        }
    }
}
