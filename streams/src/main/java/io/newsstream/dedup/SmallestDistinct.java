package io.newsstream.dedup;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The k smallest distinct values among those offered, kept in a sorted array: a bottom-k sketch without
 * boxing. After the first few hundred offers almost every value is larger than the current k-th and is
 * rejected by one comparison.
 */
final class SmallestDistinct {

    private final long[] kept;
    private int size;

    SmallestDistinct(int k) {
        this.kept = new long[k];
    }

    void offer(long value) {
        boolean full = size == kept.length;
        if (full && (size == 0 || value >= kept[size - 1])) {
            return;
        }
        int found = Arrays.binarySearch(kept, 0, size, value);
        if (found >= 0) {
            return;
        }
        int at = -found - 1;
        // When full, the largest value falls off the end.
        System.arraycopy(kept, at, kept, at + 1, (full ? size - 1 : size) - at);
        kept[at] = value;
        if (!full) {
            size++;
        }
    }

    /** The distinct values kept by either, ascending. */
    static List<Long> union(SmallestDistinct a, SmallestDistinct b) {
        TreeSet<Long> all = new TreeSet<>();
        for (int i = 0; i < a.size; i++) {
            all.add(a.kept[i]);
        }
        for (int i = 0; i < b.size; i++) {
            all.add(b.kept[i]);
        }
        return List.copyOf(all);
    }

}
