package io.newsstream.dedup;

import io.newsstream.schema.AnchorEntry;
import io.newsstream.schema.AnchorMatch;
import io.newsstream.schema.AnchorProbe;
import io.newsstream.schema.MatchMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What happens at one anchor: an article probing it is compared with the articles that reached this anchor
 * before it, then joins them. Entries keep their arrival order, so a replayed article is compared with exactly
 * the articles that preceded it the first time — it gets the same answer — and never with itself or its own
 * later copies. A matching article also takes its match's story at this anchor at once, so a copy of a copy
 * finds the story's root even before the first copy's verdict is recorded. Pure.
 */
public final class AnchorBuckets {

    /**
     * The answer for the probing article and the changes to store.
     *
     * @param entry   the article's entry at this anchor, to write
     * @param dropped entries to delete: the oldest, when the anchor holds more articles than its capacity
     */
    public record Outcome(AnchorMatch match, AnchorEntry entry, List<AnchorEntry> dropped) {
    }

    private final SyndicationRule rule;
    private final int capacity;

    /**
     * @param capacity most articles one anchor remembers: an anchor shared by very many articles is boilerplate,
     *                 and its oldest entries are dropped
     */
    public AnchorBuckets(SyndicationRule rule, int capacity) {
        this.rule = rule;
        this.capacity = capacity;
    }

    /**
     * @param entries   the anchor's current entries, in any order
     * @param eventTime the probe's event time (retention counts from it)
     * @param now       processing (wall-clock) time: when a new story is first seen
     * @param arrival   the probe's place in this task's processing order
     */
    public Outcome probe(List<AnchorEntry> entries, AnchorProbe probe, Instant eventTime, Instant now, long arrival) {
        return probe(entries, probe, eventTime, now, arrival, new HashMap<>());
    }

    /**
     * As above, with similarities already computed for this probe: copies share many anchors with their
     * original, and one comparison per candidate is enough.
     */
    public Outcome probe(List<AnchorEntry> entries, AnchorProbe probe, Instant eventTime, Instant now, long arrival,
                         Map<String, Similarity> compared) {
        List<AnchorEntry> byArrival = new ArrayList<>(entries);
        byArrival.sort(Comparator.comparingLong(AnchorEntry::getArrival));
        AnchorEntry previous = byArrival.stream().filter(e -> e.getArticleId().equals(probe.getArticleId())).findFirst().orElse(null);
        // A first visit comes after everything already here, whatever the clock of the task that records it.
        long latest = byArrival.isEmpty() ? Long.MIN_VALUE : byArrival.get(byArrival.size() - 1).getArrival();
        long visit = previous != null ? previous.getArrival() : Math.max(arrival, latest + 1);
        AnchorMatch best = noMatch(probe.getArticleId());
        Similarity.Prepared prepared = Similarity.Prepared.of(probe.getSignature());
        for (AnchorEntry e : byArrival) {
            if (e.getArrival() >= visit || e.getArticleId().equals(probe.getArticleId())) {
                continue;
            }
            AnchorMatch match = compare(probe, prepared, e, compared);
            if (match != null) {
                best = Verdicts.better(best, match);
            }
        }
        AnchorEntry entry = AnchorEntry.newBuilder()
                .setArticleId(probe.getArticleId())
                .setClusterId(best.getCandidateId() != null ? best.getCandidateClusterId()
                        : previous != null ? previous.getClusterId() : probe.getClusterId())
                .setClusterSince(best.getCandidateId() != null && best.getCandidateClusterSince() != null
                        ? best.getCandidateClusterSince()
                        : previous != null ? previous.getClusterSince()
                        : probe.getClusterSince() != null ? probe.getClusterSince() : now)
                .setIngestedAt(probe.getIngestedAt())
                .setArrival(visit)
                .setFirstSeen(previous != null && previous.getFirstSeen() != null ? previous.getFirstSeen() : probe.getClusterSince())
                .setExactHash(probe.getExactHash())
                .setSignature(probe.getSignature())
                .setLastSeen(eventTime)
                .build();
        best.setArticleFirstSeen(entry.getFirstSeen());
        List<AnchorEntry> others = byArrival.stream().filter(e -> !e.getArticleId().equals(probe.getArticleId())).toList();
        int excess = others.size() + 1 - capacity;
        return new Outcome(best, entry, excess > 0 ? others.subList(0, excess) : List.of());
    }

    /** The match with one earlier entry, or null when the two are not the same story. */
    private AnchorMatch compare(AnchorProbe probe, Similarity.Prepared prepared, AnchorEntry e, Map<String, Similarity> compared) {
        boolean exact = e.getExactHash().equals(probe.getExactHash());
        Similarity s = compared.computeIfAbsent(e.getArticleId(), id -> similarity(prepared, e));
        if (!exact && (s == null || !rule.matches(s))) {
            return null;
        }
        return AnchorMatch.newBuilder()
                .setArticleId(probe.getArticleId())
                .setCandidateId(e.getArticleId())
                .setCandidateClusterId(e.getClusterId())
                .setCandidateClusterSince(e.getClusterSince())
                .setSimilarity(exact ? 1.0 : round(s.containment()))
                .setFactOverlap(s == null ? 1.0 : round(s.factOverlap()))
                .setMethod(exact ? MatchMethod.EXACT : SyndicationRule.method(false, s))
                .build();
    }

    /** The similarity with an entry, or null when its containment alone rules it out (the cheap test first). */
    private Similarity similarity(Similarity.Prepared prepared, AnchorEntry e) {
        Similarity.Prepared other = Similarity.Prepared.of(e.getSignature());
        return Similarity.containment(prepared, other) < rule.minContainment() ? null : Similarity.between(prepared, other);
    }

    /**
     * Records an article's final story at this anchor — on its own entry and on entries that had joined the
     * article as if it were a story of its own — so later copies join the right story. The articles of those
     * other entries may still be waiting for their verdict: {@link #corrections} tells them.
     *
     * @return the entries that changed
     */
    public List<AnchorEntry> recordCluster(List<AnchorEntry> entries, AnchorProbe update) {
        List<AnchorEntry> changed = new ArrayList<>();
        String articleId = update.getArticleId();
        for (AnchorEntry e : entries) {
            boolean affected = e.getArticleId().equals(articleId) || e.getClusterId().equals(articleId);
            if (affected && !e.getClusterId().equals(update.getClusterId())) {
                changed.add(AnchorEntry.newBuilder(e).setClusterId(update.getClusterId())
                        .setClusterSince(update.getClusterSince()).build());
            }
        }
        return changed;
    }

    /** News for the articles that had joined the updated article: its story is now another. */
    public static List<AnchorMatch> corrections(List<AnchorEntry> changed, AnchorProbe update) {
        return changed.stream()
                .filter(e -> !e.getArticleId().equals(update.getArticleId()))
                .map(e -> AnchorMatch.newBuilder()
                        .setArticleId(e.getArticleId())
                        .setCandidateId(update.getArticleId())
                        .setCandidateClusterId(update.getClusterId())
                        .setCandidateClusterSince(update.getClusterSince())
                        .setMethod(MatchMethod.NEAR)
                        .setCorrection(true)
                        .build())
                .toList();
    }

    static AnchorMatch noMatch(String articleId) {
        return AnchorMatch.newBuilder().setArticleId(articleId).setMethod(MatchMethod.NONE).build();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
