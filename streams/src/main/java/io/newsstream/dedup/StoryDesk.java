package io.newsstream.dedup;

import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.DedupVerdict;
import io.newsstream.schema.IndexedArticle;
import io.newsstream.schema.MatchMethod;
import io.newsstream.schema.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Decides each article's story, one article at a time in its shard's order: the articles that came before are
 * in the index, so the first article of a story is its original and every later one that matches joins it. No
 * waiting, no race: the order is the partition's.
 *
 * <p>An article is looked up under its anchors; the candidates sharing the most anchors are verified with the
 * {@link SyndicationRule} against their stored signatures; among the matches, the story seen first wins (then the
 * higher similarity, then the earlier arrival). The article is then indexed under those of its anchors that are not
 * full: an anchor that very many articles share is boilerplate, and later articles are compared with the ones it
 * keeps but not added.
 *
 * <p>The index lives in memory ({@link AnchorIndex}); the records it points to are read through the function the
 * caller passes (a state store). Otherwise pure; not thread-safe.
 */
public final class StoryDesk {

    /**
     * One article as the story stage receives it.
     *
     * @param eventTime when the article was published (ingest time when unknown), epoch millis
     * @param arrival   its place in the shard's order
     * @param now       wall-clock time, when a new story is first seen
     */
    public record Arrival(String articleId, long eventTime, long arrival, Instant now, String exactHash, int[] anchors,
                          Signature signature) {
    }

    private final SyndicationRule rule;
    private final int anchorCapacity;
    private final int maxCandidates;
    private final AnchorIndex index = new AnchorIndex();

    /**
     * @param anchorCapacity most articles indexed under one anchor
     * @param maxCandidates  most candidates verified per article (those sharing the most anchors)
     */
    public StoryDesk(SyndicationRule rule, int anchorCapacity, int maxCandidates) {
        this.rule = rule;
        this.anchorCapacity = anchorCapacity;
        this.maxCandidates = maxCandidates;
    }

    /** Whether the article is retained: a replay of it gets its stored record, never a new verdict. */
    public boolean knows(String articleId) {
        return index.contains(articleId);
    }

    /**
     * The record of a new article — its verdict, and the anchors it is indexed under — now in the index.
     *
     * @param stored the retained articles' records, by id
     */
    public IndexedArticle decide(Arrival article, Function<String, IndexedArticle> stored) {
        Match best = null;
        List<AnchorIndex.Candidate> candidates = index.candidates(article.anchors());
        Similarity.Prepared prepared = Similarity.Prepared.of(article.signature());
        for (AnchorIndex.Candidate c : candidates.subList(0, Math.min(maxCandidates, candidates.size()))) {
            IndexedArticle candidate = stored.apply(c.articleId());
            Match match = candidate == null ? null : match(article, prepared, candidate);
            if (match != null && (best == null || BETTER.compare(match, best) < 0)) {
                best = match;
            }
        }
        int[] kept = Arrays.stream(article.anchors()).filter(a -> index.count(a) < anchorCapacity).toArray();
        index.add(article.articleId(), article.eventTime(), article.arrival(), kept);
        return IndexedArticle.newBuilder()
                .setArticleId(article.articleId())
                .setEventTime(Instant.ofEpochMilli(article.eventTime()))
                .setArrival(article.arrival())
                .setVerdict(best == null ? original(article) : copy(best))
                .setExactHash(article.exactHash())
                .setAnchors(SignatureBuilder.pack(kept))
                .setSignature(article.signature())
                .build();
    }

    /** Puts a stored record back in the index (a task starting rebuilds it from its store). */
    public void restore(IndexedArticle article) {
        index.add(article.getArticleId(), article.getEventTime().toEpochMilli(), article.getArrival(),
                SignatureBuilder.unpack(article.getAnchors()));
    }

    /** Forgets the articles published before the cutoff (epoch millis); returns their ids. */
    public List<String> evictBefore(long cutoff) {
        return index.evictBefore(cutoff);
    }

    public int size() {
        return index.size();
    }

    public long heapBytes() {
        return index.heapBytes();
    }

    /** A verified candidate. */
    private record Match(IndexedArticle candidate, double similarity, MatchMethod method) {

        Instant storyFirstSeen() {
            Instant since = candidate.getVerdict().getStoryFirstSeen();
            return since == null ? Instant.MAX : since;
        }
    }

    /** The story seen first, then the closest text, then the earliest arrival. */
    private static final Comparator<Match> BETTER = Comparator.comparing(Match::storyFirstSeen)
            .thenComparing(Comparator.comparingDouble(Match::similarity).reversed())
            .thenComparingLong(m -> m.candidate().getArrival());

    private Match match(Arrival article, Similarity.Prepared prepared, IndexedArticle candidate) {
        if (candidate.getExactHash().equals(article.exactHash())) {
            return new Match(candidate, 1.0, MatchMethod.EXACT);
        }
        Similarity.Prepared other = Similarity.Prepared.of(candidate.getSignature());
        // The cheap test first: most candidates share an anchor or two and little else.
        if (Similarity.containment(prepared, other) < rule.lowestContainment()) {
            return null;
        }
        Similarity s = Similarity.between(prepared, other);
        return rule.matches(s) ? new Match(candidate, round(s.containment()), SyndicationRule.method(false, s)) : null;
    }

    private static DedupVerdict original(Arrival article) {
        return DedupVerdict.newBuilder()
                .setStatus(DedupStatus.ORIGINAL).setClusterId(article.articleId()).setCanonicalId(article.articleId())
                .setSimilarity(1.0).setMethod(MatchMethod.NONE).setStoryFirstSeen(article.now())
                .build();
    }

    private static DedupVerdict copy(Match best) {
        DedupVerdict story = best.candidate().getVerdict();
        return DedupVerdict.newBuilder()
                .setStatus(DedupStatus.COPY).setClusterId(story.getClusterId())
                .setCanonicalId(best.candidate().getArticleId())
                .setSimilarity(best.similarity()).setMethod(best.method()).setStoryFirstSeen(story.getStoryFirstSeen())
                .build();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
