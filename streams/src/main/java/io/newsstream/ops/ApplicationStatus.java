package io.newsstream.ops;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A pipeline application's state at a glance: its running instances and their partitions, each input partition's
 * committed offset and lag, what came in and went out over the last minute, dead letters, and how long the oldest
 * unprocessed article has waited. Lag and "out" are offsets: on the pipeline's transactional topics (the repartition,
 * the enriched topic) commit markers take offsets too, so they read a little high. Pure.
 *
 * @param lagGrowing whether the total lag rose between two samples taken a moment apart (empty when only one was taken)
 */
public record ApplicationStatus(String applicationId, String groupState, List<Instance> instances, List<PartitionLag> lag,
                                long rawLastMinute, long enrichedLastMinute, long deadLetters, long deadLettersLastMinute,
                                Optional<Duration> oldestUnprocessed, Optional<Boolean> lagGrowing) {

    /** One running instance (its stream threads' members together) and the partitions it holds. */
    public record Instance(String clientId, String host, List<String> partitions) {
    }

    /**
     * @param committed the application's committed offset; -1 when it has committed none
     * @param end       the partition's end (last stable offset)
     */
    public record PartitionLag(String topic, int partition, long committed, long end) {
        public long lag() {
            return committed < 0 ? end : Math.max(0, end - committed);
        }
    }

    public ApplicationStatus {
        instances = List.copyOf(instances);
        lag = List.copyOf(lag);
    }

    public long totalLag() {
        return lag.stream().mapToLong(PartitionLag::lag).sum();
    }

    /** Why a script should worry, if it should: no instance running, or lag growing. */
    public Optional<String> problem() {
        if (instances.isEmpty()) {
            return Optional.of("no instance of " + applicationId + " is running (group " + groupState + ")");
        }
        if (lagGrowing.orElse(false)) {
            return Optional.of("lag is growing: the pipeline is falling behind its input");
        }
        return Optional.empty();
    }

    /** The human-readable form {@code status} prints. */
    public String describe() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "application %s: group %s, %d instance(s)%n",
                applicationId, groupState, instances.size()));
        for (Instance i : instances) {
            out.append(String.format(Locale.ROOT, "  %s (%s): %s%n", i.clientId(), i.host(), String.join(", ", i.partitions())));
        }
        out.append(String.format(Locale.ROOT, "%-48s %12s %12s %10s%n", "input partition", "committed", "end", "lag"));
        for (PartitionLag l : lag) {
            out.append(String.format(Locale.ROOT, "%-48s %12s %12d %10d%n", l.topic() + "-" + l.partition(),
                    l.committed() < 0 ? "none" : Long.toString(l.committed()), l.end(), l.lag()));
        }
        out.append(String.format(Locale.ROOT, "total lag %d%s%n", totalLag(),
                lagGrowing.map(g -> g ? " (growing)" : " (not growing)").orElse("")));
        out.append(String.format(Locale.ROOT, "last minute: %d raw articles in, enriched topic +%d offsets, %d dead letters "
                + "(%d in all)%n", rawLastMinute, enrichedLastMinute, deadLettersLastMinute, deadLetters));
        out.append("oldest unprocessed article: ").append(oldestUnprocessed
                .map(d -> "waiting " + d.toSeconds() + " s").orElse("none")).append(System.lineSeparator());
        problem().ifPresent(p -> out.append("PROBLEM: ").append(p).append(System.lineSeparator()));
        return out.toString();
    }
}
