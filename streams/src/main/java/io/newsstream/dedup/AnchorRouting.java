package io.newsstream.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition of the anchor topic each anchor lives on — the same choice Kafka's default partitioner makes
 * for a {@code Long} key — so an article sends one lookup per partition its anchors fall on, not one per anchor:
 * with 12 anchors and 6 partitions, about 5 records instead of 12, each carrying the signature once. Pure.
 */
public final class AnchorRouting {

    private static final LongSerializer KEYS = new LongSerializer();

    private final int partitions;

    public AnchorRouting(int partitions) {
        this.partitions = partitions;
    }

    public int partitionOf(long anchor) {
        return Utils.toPositive(Utils.murmur2(KEYS.serialize(null, anchor))) % partitions;
    }

    /** The anchors grouped by partition, in partition order; each group is keyed by its first anchor. */
    public List<List<Long>> groups(List<Long> anchors) {
        Map<Integer, List<Long>> byPartition = new TreeMap<>();
        for (Long anchor : anchors) {
            byPartition.computeIfAbsent(partitionOf(anchor), p -> new ArrayList<>()).add(anchor);
        }
        return List.copyOf(byPartition.values());
    }
}
