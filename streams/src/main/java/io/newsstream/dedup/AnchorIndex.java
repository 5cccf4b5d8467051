package io.newsstream.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which retained articles sit at each anchor, in memory and in primitive arrays: an article costs a few hundred
 * bytes of heap (measured by {@link #heapBytes()}), so a million retained articles fit in well under 1 GB. It is
 * derived state — the story stage rebuilds it from its logged store when a task starts — so it is never written
 * anywhere.
 *
 * <p>Articles live in slots (id, event time, arrival, the anchors they are indexed under); the anchor → slot pairs
 * live in one open-addressing table with linear probing, where an anchor has one entry per article, so a lookup
 * reads a short run of the table and nothing is boxed. Not thread-safe: one story task owns one index.
 */
public final class AnchorIndex {

    private static final int EMPTY = -1;

    // Slots.
    private String[] ids = new String[16];
    private long[] eventTimes = new long[16];
    private long[] arrivals = new long[16];
    private int[][] anchorsOf = new int[16][];
    private int[] freeSlots = new int[16];
    private int freeCount;
    private int slotsUsed;
    private final Map<String, Integer> slotOf = new HashMap<>();
    /** Heap of what each article holds apart from the arrays: its anchors, its id and its map entry. */
    private long perArticleBytes;

    // Anchor → slot pairs; slot EMPTY marks a free cell.
    private int[] keys = new int[64];
    private int[] values = filled(64);
    /** Home cells come from the top bits of a multiplicative hash: 32 - log2(table size). */
    private int shift = 26;
    private int pairs;

    /** Adds an article under the given anchors (each at most once). A known id is replaced. */
    public void add(String id, long eventTime, long arrival, int[] anchors) {
        remove(id);
        int slot = freeCount > 0 ? freeSlots[--freeCount] : slotsUsed++;
        ensureSlot(slot);
        ids[slot] = id;
        eventTimes[slot] = eventTime;
        arrivals[slot] = arrival;
        anchorsOf[slot] = anchors.clone();
        slotOf.put(id, slot);
        perArticleBytes += articleBytes(slot);
        for (int anchor : anchors) {
            insert(anchor, slot);
        }
    }

    public boolean contains(String id) {
        return slotOf.containsKey(id);
    }

    public int size() {
        return slotOf.size();
    }

    /** How many articles are indexed under the anchor. */
    public int count(int anchor) {
        int n = 0;
        for (int i = home(anchor); values[i] != EMPTY; i = next(i)) {
            if (keys[i] == anchor) {
                n++;
            }
        }
        return n;
    }

    /** A candidate: an indexed article and how many of the looked-up anchors it shares. */
    public record Candidate(String articleId, long arrival, int sharedAnchors) {
    }

    /** The indexed articles sharing at least one of the anchors, most shared anchors first, then earliest arrival. */
    public List<Candidate> candidates(int[] anchors) {
        Map<Integer, Integer> shared = new HashMap<>();
        for (int anchor : anchors) {
            for (int i = home(anchor); values[i] != EMPTY; i = next(i)) {
                if (keys[i] == anchor) {
                    shared.merge(values[i], 1, Integer::sum);
                }
            }
        }
        List<Candidate> found = new ArrayList<>(shared.size());
        shared.forEach((slot, n) -> found.add(new Candidate(ids[slot], arrivals[slot], n)));
        found.sort((a, b) -> a.sharedAnchors() != b.sharedAnchors() ? Integer.compare(b.sharedAnchors(), a.sharedAnchors())
                : Long.compare(a.arrival(), b.arrival()));
        return found;
    }

    /** Removes the articles whose event time is before the cutoff; returns their ids. */
    public List<String> evictBefore(long cutoff) {
        List<String> expired = new ArrayList<>();
        for (int slot = 0; slot < slotsUsed; slot++) {
            if (ids[slot] != null && eventTimes[slot] < cutoff) {
                expired.add(ids[slot]);
            }
        }
        expired.forEach(this::remove);
        return expired;
    }

    public void remove(String id) {
        Integer slot = slotOf.remove(id);
        if (slot == null) {
            return;
        }
        for (int anchor : anchorsOf[slot]) {
            delete(anchor, slot);
        }
        perArticleBytes -= articleBytes(slot);
        ids[slot] = null;
        anchorsOf[slot] = null;
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
        }
        freeSlots[freeCount++] = slot;
    }

    /**
     * An estimate of the heap the index takes: its arrays, the ids and their map entries (object sizes of a
     * 64-bit JVM with compressed references).
     */
    public long heapBytes() {
        return 4L * (keys.length + values.length) + (8L + 8 + 4 + 4 + 4) * ids.length + perArticleBytes;
    }

    private long articleBytes(int slot) {
        return 16 + 4L * anchorsOf[slot].length   // the slot's anchors
                + 40 + ids[slot].length()         // the id (String and its bytes)
                + 32 + 16;                        // its map entry and boxed slot
    }

    private void insert(int anchor, int slot) {
        if ((pairs + 1) * 3 > keys.length * 2) {
            resize(keys.length * 2);
        }
        int i = home(anchor);
        while (values[i] != EMPTY) {
            i = next(i);
        }
        keys[i] = anchor;
        values[i] = slot;
        pairs++;
    }

    /** Removes one pair, then shifts later entries of the probe run back so every lookup still reaches them. */
    private void delete(int anchor, int slot) {
        int i = home(anchor);
        while (values[i] != EMPTY && (keys[i] != anchor || values[i] != slot)) {
            i = next(i);
        }
        if (values[i] == EMPTY) {
            return;
        }
        int hole = i;
        for (int j = next(hole); values[j] != EMPTY; j = next(j)) {
            int h = home(keys[j]);
            // The entry at j may fill the hole unless its home lies cyclically in (hole, j].
            boolean homeBetween = hole <= j ? (h > hole && h <= j) : (h > hole || h <= j);
            if (!homeBetween) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = EMPTY;
        pairs--;
    }

    private void resize(int capacity) {
        int[] oldKeys = keys;
        int[] oldValues = values;
        keys = new int[capacity];
        values = filled(capacity);
        shift = Integer.numberOfLeadingZeros(capacity) + 1;
        pairs = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != EMPTY) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    private void ensureSlot(int slot) {
        if (slot < ids.length) {
            return;
        }
        int capacity = ids.length * 2;
        ids = Arrays.copyOf(ids, capacity);
        eventTimes = Arrays.copyOf(eventTimes, capacity);
        arrivals = Arrays.copyOf(arrivals, capacity);
        anchorsOf = Arrays.copyOf(anchorsOf, capacity);
    }

    private int home(int anchor) {
        return (anchor * 0x9E3779B9) >>> shift;
    }

    private int next(int i) {
        return (i + 1) & (keys.length - 1);
    }

    private static int[] filled(int length) {
        int[] a = new int[length];
        Arrays.fill(a, EMPTY);
        return a;
    }
}
