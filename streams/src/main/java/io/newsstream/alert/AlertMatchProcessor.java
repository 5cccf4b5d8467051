package io.newsstream.alert;

import io.newsstream.schema.AnalyzedArticle;
import io.newsstream.schema.Subscription;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Matches each analysed article against the subscriptions, in the parallel analysis stage (the costly part of
 * alerting). Input and output: {@link AnalyzedArticle} keyed by article id; the output carries the subscriptions
 * it matched, which the story stage turns into alerts once per story. Reads the global store
 * {@value SubscriptionStoreUpdater#STORE} once, to fill this instance's registry.
 */
public final class AlertMatchProcessor implements FixedKeyProcessor<String, AnalyzedArticle, AnalyzedArticle> {

    private final SubscriptionRegistry registry;
    private FixedKeyProcessorContext<String, AnalyzedArticle> context;

    public AlertMatchProcessor(SubscriptionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, AnalyzedArticle> context) {
        this.context = context;
        ReadOnlyKeyValueStore<String, Subscription> stored = context.getStateStore(SubscriptionStoreUpdater.STORE);
        Map<String, Subscription> all = new HashMap<>();
        try (KeyValueIterator<String, Subscription> it = stored.all()) {
            it.forEachRemaining(kv -> all.put(kv.key, kv.value));
        }
        registry.loadOnce(all);
    }

    @Override
    public void process(FixedKeyRecord<String, AnalyzedArticle> record) {
        AnalyzedArticle analyzed = record.value();
        // Set in place: the analysis step made this value for this record alone (a builder would copy the article).
        analyzed.setAlerts(AlertMatcher.candidatesFor(analyzed.getArticle(), registry.index()));
        context.forward(record);
    }
}
