package io.newsstream.loadtest;

import java.util.Arrays;

/**
 * What one benchmark phase measured.
 *
 * @param articlesPerSecond steady-state throughput: a batch written at once to the warmed-up system, from its start
 *                          until 95 % of it is out
 * @param latencyP50Ms      median ingest → output latency at the offered rate
 * @param latencyP99Ms      99th percentile of the same
 * @param copyP50Ms         median ingest → output latency of the articles that are syndicated copies
 * @param copyP99Ms         99th percentile of the same
 * @param peakHeapMb        highest heap use seen during the phase (the whole JVM: broker, clients, app)
 * @param alertP50Ms        median ingest → first alert latency, for articles that raised one (NaN without alerts)
 * @param alertP99Ms        99th percentile of the same
 * @param stories           how the verdicts of the throughput phase matched the workload's stories (null without dedup)
 * @param notOut            latency-phase articles whose output never came (in the latencies at their wait so far)
 * @param dedupState        the dedup state kept per article at the end (null without dedup)
 */
public record Measurement(double articlesPerSecond, double latencyP50Ms, double latencyP99Ms, double copyP50Ms,
                          double copyP99Ms, long peakHeapMb,
                          double alertP50Ms, double alertP99Ms, BenchRun.StoryTally stories, int notOut,
                          DedupState dedupState) {

    public Measurement withDedupState(DedupState state) {
        return new Measurement(articlesPerSecond, latencyP50Ms, latencyP99Ms, copyP50Ms, copyP99Ms, peakHeapMb, alertP50Ms, alertP99Ms, stories,
                notOut, state);
    }

    /** The q-quantile (0..1) of some values, by nearest rank. */
    public static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
}
