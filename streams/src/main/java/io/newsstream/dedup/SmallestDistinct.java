package io.newsstream.dedup;

import java.util.Arrays;
import java.util.List;

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

    /** The values kept, ascending. */
    List<Long> ascending() {
        Long[] values = new Long[size];
        for (int i = 0; i < size; i++) {
            values[i] = kept[i];
        }
        return List.of(values);
    }
}
