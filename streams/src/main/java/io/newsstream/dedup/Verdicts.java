package io.newsstream.dedup;

import io.newsstream.schema.AnchorMatch;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.DedupVerdict;
import io.newsstream.schema.MatchMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the answers of an article's anchors into its verdict: a copy of the best-matching earlier article
 * (joining that article's story), or the original of a new story named after itself. Pure.
 */
public final class Verdicts {

    private Verdicts() {
    }

    /**
     * Whether the candidate came first, so that the article is its copy. Two articles meet first at the smallest
     * anchor they share; the one that reached it second finds the other there. Instances process anchors on
     * different partitions in different orders, so only that first meeting decides — never a later anchor, where
     * two articles processed at the same moment could each find the other. Anchors that turned the article away
     * (full) decide nothing, and the next shared anchor decides. A candidate first seen long before the article
     * (more than {@code concurrency}) came first whatever the anchors say: there was no race.
     *
     * @param articleAnchors   all the article's anchors
     * @param storedAnchors    the anchors that kept the article
     * @param articleFirstSeen when the pipeline first saw the article
     */
    public static boolean precedes(AnchorMatch candidate, Collection<Long> articleAnchors, Collection<Long> storedAnchors,
                                   Instant articleFirstSeen, Duration concurrency) {
        Instant candidateFirstSeen = candidate.getCandidateFirstSeen();
        if (candidateFirstSeen != null && articleFirstSeen != null
                && candidateFirstSeen.plus(concurrency).isBefore(articleFirstSeen)) {
            return true;
        }
        // The candidate was missing from any shared anchor below the one it was found at; where the article was
        // kept, the candidate came later and will find the article there.
        return candidate.getCandidateAnchorsBelow().stream()
                .noneMatch(a -> articleAnchors.contains(a) && storedAnchors.contains(a));
    }

    /** The candidates that came before the article ({@link #precedes}): the ones its verdict chooses among. */
    public static List<AnchorMatch> preceding(List<AnchorMatch> candidates, Collection<Long> articleAnchors,
                                              Collection<Long> storedAnchors, Instant articleFirstSeen, Duration concurrency) {
        Set<Long> anchors = new HashSet<>(articleAnchors);
        Set<Long> stored = new HashSet<>(storedAnchors);
        return candidates.stream().filter(c -> precedes(c, anchors, stored, articleFirstSeen, concurrency)).toList();
    }

    /** The best of the candidates, or null when there are none. */
    public static AnchorMatch best(List<AnchorMatch> candidates) {
        return candidates.stream().reduce(null, Verdicts::better);
    }

    /** The better of two matches: the match into the story seen first wins, then the higher similarity. */
    public static AnchorMatch better(AnchorMatch current, AnchorMatch next) {
        if (current == null) {
            return next;
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

    /**
     * The match after a correction: when the correction is about the match's candidate, the candidate's verdict
     * is out and the match joins the candidate's final story.
     */
    public static AnchorMatch corrected(AnchorMatch match, AnchorMatch correction) {
        if (!correction.getCandidateId().equals(match.getCandidateId())) {
            return match;
        }
        return settledAs(match, correction);
    }

    /** The match with the candidate's final story as {@code settled} (a settled match or correction) knows it. */
    public static AnchorMatch settledAs(AnchorMatch match, AnchorMatch settled) {
        return AnchorMatch.newBuilder(match)
                .setCandidateClusterId(settled.getCandidateClusterId())
                .setCandidateClusterSince(settled.getCandidateClusterSince())
                .setCandidateSettled(true)
                .build();
    }

    /**
     * Whether the verdict must wait for its best candidate: that candidate has no verdict of its own yet, so which
     * story it belongs to is not final, and a correction will say. (Only the best: the others are in its story or a
     * younger one, and waiting for every candidate would chain a burst of copies one verdict after another.) A
     * candidate first seen longer than {@code patience} ago (or when unknown) is taken as it is: had its verdict
     * been coming, it would have come.
     */
    public static boolean awaitsCandidate(AnchorMatch best, Instant now, Duration patience) {
        return best != null && !best.getCandidateSettled()
                && best.getCandidateFirstSeen() != null && best.getCandidateFirstSeen().isAfter(now.minus(patience));
    }

    /**
     * @param firstSeen when the pipeline first saw this article (a replay keeps its first time)
     * @param now       when the verdict is made
     */
    public static DedupVerdict of(String articleId, AnchorMatch best, Instant firstSeen, Instant now) {
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
