package io.newsstream.dedup;

import io.newsstream.schema.AnchorBucket;
import io.newsstream.schema.AnchorEntry;
import io.newsstream.schema.AnchorMatch;
import io.newsstream.schema.AnchorProbe;
import io.newsstream.schema.MatchMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What happens at one anchor: an article probing it is compared with the articles that reached this anchor
 * before it, then joins them. The bucket keeps arrival order, so a replayed article is compared with exactly
 * the articles that preceded it the first time — it gets the same answer — and never with itself or its own
 * later copies. A matching article also takes its match's story in this bucket at once, so a copy of a copy
 * finds the story's root even before the first copy's verdict is recorded. Pure.
 */
public final class AnchorBuckets {

    /** The answer for the probing article and the bucket to store. */
    public record Outcome(AnchorMatch match, AnchorBucket bucket) {
    }

    private final SyndicationRule rule;
    private final int maxEntries;

    /**
     * @param maxEntries most articles one anchor remembers: an anchor shared by very many articles is boilerplate,
     *                   and its oldest entries are dropped
     */
    public AnchorBuckets(SyndicationRule rule, int maxEntries) {
        this.rule = rule;
        this.maxEntries = maxEntries;
    }

    /**
     * @param eventTime the probe's event time (retention counts from it)
     * @param now       processing (wall-clock) time: when a new story is first seen
     */
    public Outcome probe(AnchorBucket bucket, AnchorProbe probe, Instant eventTime, Instant now) {
        List<AnchorEntry> entries = bucket == null ? new ArrayList<>() : new ArrayList<>(bucket.getEntries());
        int self = indexOf(entries, probe.getArticleId());
        List<AnchorEntry> preceding = self < 0 ? entries : entries.subList(0, self);
        AnchorMatch best = noMatch(probe.getArticleId());
        for (AnchorEntry e : preceding) {
            boolean exact = e.getExactHash().equals(probe.getExactHash());
            Similarity s = Similarity.between(probe.getSignature(), e.getSignature());
            if (exact || rule.matches(s)) {
                AnchorMatch match = AnchorMatch.newBuilder()
                        .setArticleId(probe.getArticleId())
                        .setCandidateId(e.getArticleId())
                        .setCandidateClusterId(e.getClusterId())
                        .setCandidateClusterSince(e.getClusterSince())
                        .setSimilarity(exact ? 1.0 : round(s.containment()))
                        .setFactOverlap(round(s.factOverlap()))
                        .setMethod(SyndicationRule.method(exact, s))
                        .build();
                best = Verdicts.better(best, match);
            }
        }
        AnchorEntry entry = AnchorEntry.newBuilder()
                .setArticleId(probe.getArticleId())
                .setClusterId(best.getCandidateId() == null ? probe.getClusterId() : best.getCandidateClusterId())
                .setClusterSince(best.getCandidateId() == null ? now : best.getCandidateClusterSince())
                .setIngestedAt(probe.getIngestedAt())
                .setExactHash(probe.getExactHash())
                .setSignature(probe.getSignature())
                .setLastSeen(eventTime)
                .build();
        if (self < 0) {
            entries.add(entry);
        } else {
            entries.set(self, entry);
        }
        return new Outcome(best, new AnchorBucket(capped(entries)));
    }

    /**
     * Records an article's final story at this anchor — on its own entry and on entries that had joined the
     * article as if it were a story of its own — so later copies join the right story.
     */
    public AnchorBucket recordCluster(AnchorBucket bucket, AnchorProbe update) {
        if (bucket == null) {
            return null;
        }
        List<AnchorEntry> entries = new ArrayList<>(bucket.getEntries());
        String articleId = update.getArticleId();
        entries.replaceAll(e -> e.getArticleId().equals(articleId) || e.getClusterId().equals(articleId)
                ? AnchorEntry.newBuilder(e).setClusterId(update.getClusterId()).setClusterSince(update.getClusterSince()).build()
                : e);
        return new AnchorBucket(entries);
    }

    /** The bucket without entries older than the retention at stream time {@code now}; null when none remain. */
    public static AnchorBucket evict(AnchorBucket bucket, Instant now, Duration retention) {
        List<AnchorEntry> kept = bucket.getEntries().stream()
                .filter(e -> !e.getLastSeen().plus(retention).isBefore(now))
                .toList();
        return kept.isEmpty() ? null : new AnchorBucket(kept);
    }

    private static int indexOf(List<AnchorEntry> entries, String articleId) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).getArticleId().equals(articleId)) {
                return i;
            }
        }
        return -1;
    }

    private List<AnchorEntry> capped(List<AnchorEntry> entries) {
        // Arrival order: the oldest go first.
        return entries.size() <= maxEntries ? entries : new ArrayList<>(entries.subList(entries.size() - maxEntries, entries.size()));
    }

    static AnchorMatch noMatch(String articleId) {
        return AnchorMatch.newBuilder().setArticleId(articleId).setMethod(MatchMethod.NONE).build();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
