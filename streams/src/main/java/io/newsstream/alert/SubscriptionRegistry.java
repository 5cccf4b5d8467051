package io.newsstream.alert;

import io.newsstream.schema.Subscription;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
    private boolean loaded;
    /** Ids changed by the subscription topic in this process: a later {@link #loadOnce} must not undo them. */
    private final Set<String> touched = new HashSet<>();

    /**
     * Adds or replaces a subscription, under its record key. One whose query is refused (services may write the
     * topic directly) is logged with the reason and, like a deletion, stops matching.
     */
    public synchronized void put(String id, Subscription subscription) {
        touched.add(id);
        try {
            active.put(id, Subscriptions.query(subscription));
        } catch (RuntimeException | StackOverflowError e) {
            // Whatever a query holds, it must not stop the thread that keeps every subscription current.
            LOG.warn("Subscription {} ignored: {}", id, e instanceof StackOverflowError ? "the query nests too deeply" : e.getMessage());
            active.remove(id);
        }
        changed = true;
    }

    /** Adds or replaces a subscription under its own id. */
    public void put(Subscription subscription) {
        put(subscription.getId(), subscription);
    }

    public synchronized void remove(String id) {
        touched.add(id);
        active.remove(id);
        changed = true;
    }

    /**
     * Fills the registry from the subscriptions already stored, once per instance: a restored global store
     * holds subscriptions that did not pass through {@link #put} in this process. Ids changed since (by
     * {@link #put} or {@link #remove}) keep their newer state.
     */
    public synchronized void loadOnce(Map<String, Subscription> stored) {
        if (!loaded) {
            stored.forEach((id, s) -> {
                if (!touched.contains(id)) {
                    put(id, s);
                }
            });
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
