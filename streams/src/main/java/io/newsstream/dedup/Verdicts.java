package io.newsstream.dedup;

import io.newsstream.schema.AnchorMatch;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.DedupVerdict;
import io.newsstream.schema.MatchMethod;
import java.time.Instant;

/**
 * Turns the answers of an article's anchors into its verdict: a copy of the best-matching earlier article
 * (joining that article's story), or the original of a new story named after itself. Pure.
 */
public final class Verdicts {

    private Verdicts() {
    }

    /**
     * The better of two answers: a match beats none; then the match into the story seen first wins — it is the
     * story's root, where a later "story" may be a copy whose own verdict is still on its way; then the higher
     * similarity.
     */
    public static AnchorMatch better(AnchorMatch current, AnchorMatch next) {
        if (current == null || current.getCandidateId() == null) {
            return next;
        }
        if (next.getCandidateId() == null) {
            return current;
        }
        int since = next.getCandidateClusterSince().compareTo(current.getCandidateClusterSince());
        if (since != 0) {
            return since < 0 ? next : current;
        }
        return next.getSimilarity() > current.getSimilarity() ? next : current;
    }

    /**
     * @param now when the verdict is made: the first-seen time of a new story
     */
    public static DedupVerdict of(String articleId, AnchorMatch best, Instant now) {
        if (best == null || best.getCandidateId() == null) {
            return DedupVerdict.newBuilder()
                    .setStatus(DedupStatus.ORIGINAL).setClusterId(articleId).setCanonicalId(articleId)
                    .setSimilarity(1.0).setMethod(MatchMethod.NONE).setStoryFirstSeen(now)
                    .build();
        }
        return DedupVerdict.newBuilder()
                .setStatus(DedupStatus.COPY)
                .setClusterId(best.getCandidateClusterId() == null ? best.getCandidateId() : best.getCandidateClusterId())
                .setCanonicalId(best.getCandidateId())
                .setSimilarity(best.getSimilarity())
                .setMethod(best.getMethod())
                .setStoryFirstSeen(best.getCandidateClusterSince())
                .build();
    }
}
