package io.newsstream.dedup;

import io.newsstream.schema.AnchorEntry;
import io.newsstream.schema.AnchorMatch;
import io.newsstream.schema.AnchorProbe;
import io.newsstream.schema.ArticleStory;
import io.newsstream.schema.MatchMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What happens at one anchor: an article probing it is compared with the articles that reached this anchor
 * before it, then joins them — unless the anchor already holds its capacity of articles. Entries keep their
 * arrival order, so a replayed article is compared with exactly the articles that preceded it the first time —
 * it gets the same answer — and never with itself or its own later copies.
 *
 * <p>A full anchor keeps the articles it has and turns newcomers away rather than forgetting its oldest: an
 * article kept at an anchor stays there (until retention), so an article that finds another missing from an
 * anchor where it was itself kept knows the other came later and will find it there (see {@link Verdicts#precedes}).
 *
 * <p>Entries are written once. A candidate's final story comes from its verdict ({@link ArticleStories}), looked up
 * through the function the caller passes; otherwise pure.
 */
public final class AnchorBuckets {

    /**
     * What one anchor answers, and what to store.
     *
     * @param matches          the earlier articles found here that passed verification
     * @param entry            the article's entry at this anchor, to write; null when the anchor is full
     * @param articleFirstSeen when the article was first seen, as its entry here remembers it; null when the
     *                         anchor is full and keeps no entry
     */
    public record Outcome(List<AnchorMatch> matches, AnchorEntry entry, Instant articleFirstSeen) {

        public boolean stored() {
            return entry != null;
        }
    }

    private final SyndicationRule rule;
    private final int capacity;

    /**
     * @param capacity most articles one anchor keeps: an anchor shared by very many articles is boilerplate, and
     *                 later articles are compared with the ones it keeps but not added
     */
    public AnchorBuckets(SyndicationRule rule, int capacity) {
        this.rule = rule;
        this.capacity = capacity;
    }

    /**
     * @param anchor    the anchor probed
     * @param entries   the anchor's current entries, in any order
     * @param eventTime the probe's event time (retention counts from it)
     * @param now       processing (wall-clock) time: when a new story is first seen
     * @param arrival   the probe's place in this task's processing order
     * @param compared  similarities already computed for this probe: copies share many anchors with their
     *                  original, and one comparison per candidate is enough
     * @param stories   the settled story of an article, if its verdict is out (else null)
     */
    public Outcome probe(long anchor, List<AnchorEntry> entries, AnchorProbe probe, Instant eventTime, Instant now,
                         long arrival, Map<String, Similarity> compared, Function<String, ArticleStory> stories) {
        List<AnchorEntry> byArrival = new ArrayList<>(entries);
        byArrival.sort(Comparator.comparingLong(AnchorEntry::getArrival));
        AnchorEntry previous = byArrival.stream().filter(e -> e.getArticleId().equals(probe.getArticleId())).findFirst().orElse(null);
        List<AnchorEntry> others = byArrival.stream().filter(e -> !e.getArticleId().equals(probe.getArticleId())).toList();
        // A first visit comes after everything already here, whatever the clock of the task that records it.
        long latest = byArrival.isEmpty() ? Long.MIN_VALUE : byArrival.get(byArrival.size() - 1).getArrival();
        long visit = previous != null ? previous.getArrival() : Math.max(arrival, latest + 1);
        Similarity.Prepared prepared = Similarity.Prepared.of(probe.getSignature());
        List<AnchorMatch> matches = new ArrayList<>();
        for (AnchorEntry e : others) {
            if (e.getArrival() < visit) {
                AnchorMatch match = compare(anchor, probe, prepared, e, compared, stories);
                if (match != null) {
                    matches.add(match);
                }
            }
        }
        if (previous == null && others.size() >= capacity) {
            return new Outcome(matches, null, null);
        }
        Instant firstSeen = previous != null && previous.getFirstSeen() != null ? previous.getFirstSeen() : probe.getClusterSince();
        // The article takes the story of a match it is sure to join — one found at the first anchor the two
        // share — at once, so a copy of a copy finds the story's root before the first copy's verdict is recorded.
        AnchorMatch joined = matches.stream().filter(m -> metFirstHere(m, probe)).reduce(null, Verdicts::better);
        AnchorEntry entry = AnchorEntry.newBuilder()
                .setArticleId(probe.getArticleId())
                .setClusterId(joined != null ? joined.getCandidateClusterId()
                        : previous != null ? previous.getClusterId() : probe.getClusterId())
                .setClusterSince(joined != null && joined.getCandidateClusterSince() != null ? joined.getCandidateClusterSince()
                        : previous != null ? previous.getClusterSince()
                        : probe.getClusterSince() != null ? probe.getClusterSince() : now)
                .setIngestedAt(probe.getIngestedAt())
                .setArrival(visit)
                .setFirstSeen(firstSeen)
                .setAnchorsBelow(probe.getArticleAnchors().stream().filter(a -> a < anchor).sorted().toList())
                .setExactHash(probe.getExactHash())
                .setSignature(probe.getSignature())
                .setLastSeen(eventTime)
                .build();
        return new Outcome(matches, entry, firstSeen);
    }

    /** Whether this anchor is the first the article shares with the match's candidate. */
    private static boolean metFirstHere(AnchorMatch match, AnchorProbe probe) {
        return match.getCandidateAnchorsBelow().stream().noneMatch(probe.getArticleAnchors()::contains);
    }

    /** The match with one earlier entry, or null when the two are not the same story. */
    private AnchorMatch compare(long anchor, AnchorProbe probe, Similarity.Prepared prepared, AnchorEntry e,
                                Map<String, Similarity> compared, Function<String, ArticleStory> stories) {
        boolean exact = e.getExactHash().equals(probe.getExactHash());
        Similarity s = compared.computeIfAbsent(e.getArticleId(), id -> similarity(prepared, e));
        if (!exact && (s == null || !rule.matches(s))) {
            return null;
        }
        // The entry holds the story the candidate joined when it arrived; its verdict, once out, is final. Before
        // that, the story it joined may itself have been settled into an older one.
        ArticleStory settled = stories.apply(e.getArticleId());
        ArticleStory joined = settled == null && !e.getClusterId().equals(e.getArticleId()) ? stories.apply(e.getClusterId()) : null;
        ArticleStory story = settled != null ? settled : joined;
        return AnchorMatch.newBuilder()
                .setArticleId(probe.getArticleId())
                .setCandidateId(e.getArticleId())
                .setCandidateClusterId(story != null ? story.getClusterId() : e.getClusterId())
                .setCandidateClusterSince(story != null ? story.getClusterSince() : e.getClusterSince())
                .setCandidateSettled(settled != null)
                .setCandidateFirstSeen(e.getFirstSeen())
                .setSimilarity(exact ? 1.0 : round(s.containment()))
                .setFactOverlap(s == null ? 1.0 : round(s.factOverlap()))
                .setMethod(exact ? MatchMethod.EXACT : SyndicationRule.method(false, s))
                .setFoundAt(anchor)
                .setCandidateAnchorsBelow(e.getAnchorsBelow())
                .build();
    }

    /** The similarity with an entry, or null when its containment alone rules it out (the cheap test first). */
    private Similarity similarity(Similarity.Prepared prepared, AnchorEntry e) {
        Similarity.Prepared other = Similarity.Prepared.of(e.getSignature());
        return Similarity.containment(prepared, other) < rule.minContainment() ? null : Similarity.between(prepared, other);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
