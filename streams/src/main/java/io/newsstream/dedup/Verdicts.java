package io.newsstream.dedup;

import io.newsstream.schema.AnchorMatch;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.DedupVerdict;
import io.newsstream.schema.MatchMethod;
import java.time.Duration;
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
            return next.getCorrection() ? current : next;
        }
        if (next.getCorrection()) {
            return corrected(current, next);
        }
        if (next.getCandidateId() == null) {
            return current;
        }
        int since = sinceOf(next).compareTo(sinceOf(current));
        if (since != 0) {
            return since < 0 ? next : current;
        }
        return next.getSimilarity() > current.getSimilarity() ? next : current;
    }

    /** When the match's story was first seen; unknown counts as latest. */
    private static Instant sinceOf(AnchorMatch m) {
        return m.getCandidateClusterSince() == null ? Instant.MAX : m.getCandidateClusterSince();
    }

    /** A correction applies when it is about the current best candidate and moves it to an earlier story. */
    private static AnchorMatch corrected(AnchorMatch current, AnchorMatch correction) {
        boolean sameCandidate = correction.getCandidateId().equals(current.getCandidateId());
        boolean earlier = sinceOf(correction).isBefore(sinceOf(current));
        if (!sameCandidate || !earlier) {
            return current;
        }
        return AnchorMatch.newBuilder(current)
                .setCandidateClusterId(correction.getCandidateClusterId())
                .setCandidateClusterSince(correction.getCandidateClusterSince())
                .build();
    }

    /**
     * Whether the best match may still change: its candidate has not been resolved into another story, and was
     * first seen so recently that its own verdict may be on its way.
     */
    public static boolean unsettled(AnchorMatch best, Instant now, Duration window) {
        return best != null && best.getCandidateId() != null
                && best.getCandidateId().equals(best.getCandidateClusterId())
                && sinceOf(best).isAfter(now.minus(window));
    }

    /**
     * @param firstSeen when the pipeline first saw this article (a replay keeps its first time)
     * @param now       when the verdict is made
     */
    public static DedupVerdict of(String articleId, AnchorMatch best, Instant firstSeen, Instant now) {
        // Which of two articles came first is decided where they meet, at their anchors: the one that found the
        // other there is the copy, whatever the clocks of the instances that analysed them say.
        boolean matched = best != null && best.getCandidateId() != null;
        // A replay whose own entries are gone may meet its own copies: it is still its story's original.
        boolean ownStory = matched && articleId.equals(best.getCandidateClusterId());
        if (!matched || ownStory) {
            return DedupVerdict.newBuilder()
                    .setStatus(DedupStatus.ORIGINAL).setClusterId(articleId).setCanonicalId(articleId)
                    .setSimilarity(1.0).setMethod(MatchMethod.NONE).setStoryFirstSeen(firstSeen == null ? now : firstSeen)
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
