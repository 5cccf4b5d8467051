package io.newsstream.alert;

import io.newsstream.schema.Subscription;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions active in one pipeline instance, shared by its stream threads. The global thread records
 * changes as they arrive on the subscription topic; matching reads an immutable {@link SubscriptionIndex}, rebuilt
 * once after a change (subscriptions change rarely; articles arrive all the time). Thread-safe.
 */
public final class SubscriptionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionRegistry.class);

    private final Map<String, Query> active = new ConcurrentHashMap<>();
    private volatile SubscriptionIndex index = new SubscriptionIndex();
    private volatile boolean changed;
    private volatile boolean loaded;

    /**
     * Adds or replaces a subscription. One whose query does not parse (services may write the topic directly) is
     * logged with the reason and, like a deletion, stops matching.
     */
    public void put(Subscription subscription) {
        try {
            active.put(subscription.getId(), Subscriptions.query(subscription));
        } catch (QuerySyntaxException e) {
            LOG.warn("Subscription {} ignored: {}", subscription.getId(), e.getMessage());
            active.remove(subscription.getId());
        }
        changed = true;
    }

    public void remove(String id) {
        active.remove(id);
        changed = true;
    }

    /**
     * Fills the registry from the subscriptions already stored, once per instance: a restored global store
     * holds subscriptions that did not pass through {@link #put} in this process.
     */
    public synchronized void loadOnce(Iterable<Subscription> stored) {
        if (!loaded) {
            stored.forEach(this::put);
            loaded = true;
        }
    }

    /** The index of the current subscriptions. */
    public SubscriptionIndex index() {
        if (changed) {
            rebuild();
        }
        return index;
    }

    private synchronized void rebuild() {
        if (!changed) {
            return;
        }
        changed = false;
        SubscriptionIndex next = new SubscriptionIndex();
        active.forEach(next::put);
        index = next;
    }
}
