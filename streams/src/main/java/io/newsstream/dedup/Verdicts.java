package io.newsstream.dedup;

import io.newsstream.schema.AnchorMatch;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.DedupVerdict;
import io.newsstream.schema.MatchMethod;

/**
 * Turns the answers of an article's anchors into its verdict: a copy of the best-matching earlier article
 * (joining that article's story), or the original of a new story named after itself. Pure.
 */
public final class Verdicts {

    private Verdicts() {
    }

    /**
     * The better of two answers: a match beats none; a match whose candidate is already known to belong to
     * another article's story beats one that is not (it names the story's root, where the other may name a copy
     * whose own verdict is still on its way); then higher similarity wins.
     */
    public static AnchorMatch better(AnchorMatch current, AnchorMatch next) {
        if (current == null || current.getCandidateId() == null) {
            return next;
        }
        if (next.getCandidateId() == null) {
            return current;
        }
        if (resolved(next) != resolved(current)) {
            return resolved(next) ? next : current;
        }
        return next.getSimilarity() > current.getSimilarity() ? next : current;
    }

    private static boolean resolved(AnchorMatch m) {
        return m.getCandidateClusterId() != null && !m.getCandidateClusterId().equals(m.getCandidateId());
    }

    public static DedupVerdict of(String articleId, AnchorMatch best) {
        if (best == null || best.getCandidateId() == null) {
            return DedupVerdict.newBuilder()
                    .setStatus(DedupStatus.ORIGINAL).setClusterId(articleId).setCanonicalId(articleId)
                    .setSimilarity(1.0).setMethod(MatchMethod.NONE)
                    .build();
        }
        return DedupVerdict.newBuilder()
                .setStatus(DedupStatus.COPY)
                .setClusterId(best.getCandidateClusterId() == null ? best.getCandidateId() : best.getCandidateClusterId())
                .setCanonicalId(best.getCandidateId())
                .setSimilarity(best.getSimilarity())
                .setMethod(best.getMethod())
                .build();
    }
}
