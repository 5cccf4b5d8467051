package io.newsstream.alert;

/** Whether two phrases occur near each other, from their start positions. Pure. */
final class Proximity {

    private Proximity() {
    }

    /**
     * Whether some occurrence of each side lies within {@code distance} words of the other, in either order, in
     * one pass over both ascending position lists: the closest pairs are neighbours in the merged order.
     *
     * @param lefts       start positions of the left phrase, ascending
     * @param leftLength  words in the left phrase
     */
    static boolean within(int[] lefts, int leftLength, int[] rights, int rightLength, int distance) {
        int i = 0;
        int j = 0;
        while (i < lefts.length && j < rights.length) {
            int l = lefts[i];
            int r = rights[j];
            int gap = l <= r ? r - (l + leftLength) : l - (r + rightLength);
            if (gap <= distance) {
                return true;
            }
            if (l <= r) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }
}
