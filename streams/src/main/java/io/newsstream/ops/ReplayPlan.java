package io.newsstream.ops;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a replay copies: per partition of the source, the offsets from the first record at or after the start time
 * up to (excluding) the end — the first record at or after the end time, or the end of the partition when the
 * replay was first planned — and how far earlier runs of the same replay have committed. The end is fixed at the
 * first commit, so a replay into its own topic never reaches the copies it writes. Pure.
 */
public record ReplayPlan(String source, String target, List<Range> ranges) {

    /**
     * @param from first offset to copy
     * @param to   offset to stop before
     * @param done where the copy has committed to (from when it has not started)
     */
    public record Range(int partition, long from, long to, long done) {

        public long total() {
            return Math.max(0, to - from);
        }

        public long remaining() {
            return Math.max(0, to - done);
        }

        /** How a range is remembered in its progress commit's metadata, so a rerun keeps the same end. */
        String metadata() {
            return "from=" + from + ";to=" + to;
        }

        /** The range a progress commit remembers, or empty when its metadata is not a replay's. */
        static Optional<Range> fromMetadata(int partition, long committed, String metadata) {
            if (metadata == null || !metadata.startsWith("from=")) {
                return Optional.empty();
            }
            try {
                String[] parts = metadata.split(";");
                long from = Long.parseLong(parts[0].substring("from=".length()));
                long to = Long.parseLong(parts[1].substring("to=".length()));
                return Optional.of(new Range(partition, from, to, Math.max(from, Math.min(committed, to))));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    public ReplayPlan {
        ranges = List.copyOf(ranges);
    }

    public long total() {
        return ranges.stream().mapToLong(Range::total).sum();
    }

    public long remaining() {
        return ranges.stream().mapToLong(Range::remaining).sum();
    }

    /** One line per partition, then the totals: what {@code --dry-run} prints. */
    public String describe() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-10s %14s %14s %10s %10s%n", "partition",
                "from offset", "to offset", "offsets", "left"));
        for (Range r : ranges) {
            out.append(String.format(Locale.ROOT, "%-10d %14d %14d %10d %10d%n", r.partition(), r.from(), r.to(), r.total(),
                    r.remaining()));
        }
        // Offsets, not records: on a transactional topic commit markers take offsets too.
        return out.append(String.format(Locale.ROOT, "%s -> %s: %d offsets, %d left to copy%n", source, target, total(),
                remaining())).toString();
    }
}
