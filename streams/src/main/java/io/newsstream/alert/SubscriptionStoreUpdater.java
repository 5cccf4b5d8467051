package io.newsstream.alert;

import io.newsstream.schema.Subscription;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global subscription store and the instance's {@link SubscriptionRegistry} in step with the compacted
 * subscription topic: a record adds or replaces a subscription, a tombstone deletes it. Runs on the global thread.
 */
public final class SubscriptionStoreUpdater implements Processor<String, Subscription, Void, Void> {

    public static final String STORE = "alert-subscription-store";

    private final SubscriptionRegistry registry;
    private KeyValueStore<String, Subscription> store;

    public SubscriptionStoreUpdater(SubscriptionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, Subscription> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            registry.remove(record.key());
        } else {
            store.put(record.key(), record.value());
            registry.put(record.key(), record.value());
        }
    }
}
