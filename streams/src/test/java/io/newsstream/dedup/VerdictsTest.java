package io.newsstream.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newsstream.schema.AnchorMatch;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.DedupVerdict;
import io.newsstream.schema.MatchMethod;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerdictsTest {

    private static final Instant EARLY = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant LATER = EARLY.plusSeconds(5);

    private static AnchorMatch match(String candidate, String cluster, Instant since, double similarity) {
        return AnchorMatch.newBuilder().setArticleId("me").setCandidateId(candidate).setCandidateClusterId(cluster)
                .setCandidateClusterSince(since).setSimilarity(similarity).setMethod(MatchMethod.NEAR).build();
    }

    @Test
    void shouldPreferAnyMatchToNone() {
        AnchorMatch none = AnchorBuckets.noMatch("me");
        AnchorMatch some = match("a", "a", LATER, 0.4);
        assertEquals(some, Verdicts.better(none, some));
        assertEquals(some, Verdicts.better(some, none));
    }

    @Test
    void shouldPreferTheStorySeenFirstThenTheCloserMatch() {
        AnchorMatch closeToACopy = match("copy", "copy", LATER, 0.99);
        AnchorMatch intoTheRoot = match("copy", "root", EARLY, 0.99);
        assertEquals(intoTheRoot, Verdicts.better(closeToACopy, intoTheRoot));
        assertEquals(match("b", "root", EARLY, 0.8), Verdicts.better(match("a", "root", EARLY, 0.5), match("b", "root", EARLY, 0.8)));
    }

    @Test
    void shouldMakeAnUnmatchedArticleTheOriginalOfANewStory() {
        DedupVerdict v = Verdicts.of("me", AnchorBuckets.noMatch("me"), LATER, LATER.plusSeconds(1));
        assertEquals(DedupStatus.ORIGINAL, v.getStatus());
        assertEquals("me", v.getClusterId());
        assertEquals(LATER, v.getStoryFirstSeen());
    }

    @Test
    void shouldJoinTheArticleItFoundEvenIfThatWasAnalysedLater() {
        DedupVerdict v = Verdicts.of("me", match("twin", "twin", LATER, 0.9), EARLY, LATER);
        assertEquals(DedupStatus.COPY, v.getStatus());
        assertEquals("twin", v.getClusterId());
    }

    @Test
    void shouldStayTheOriginalWhenItMeetsOnlyItsOwnStory() {
        DedupVerdict v = Verdicts.of("me", match("my-copy", "me", EARLY, 0.9), EARLY, LATER);
        assertEquals(DedupStatus.ORIGINAL, v.getStatus());
        assertEquals("me", v.getClusterId());
        assertEquals(EARLY, v.getStoryFirstSeen());
    }

    @Test
    void shouldApplyACorrectionThatMovesTheCandidateToAnOlderStory() {
        AnchorMatch intoACopy = match("copy", "copy", LATER, 0.9);
        AnchorMatch correction = AnchorMatch.newBuilder(match("copy", "root", EARLY, 0.0)).setCorrection(true).build();
        AnchorMatch corrected = Verdicts.better(intoACopy, correction);
        assertEquals("root", corrected.getCandidateClusterId());
        assertEquals(0.9, corrected.getSimilarity());
        assertEquals(intoACopy, Verdicts.better(intoACopy, AnchorMatch.newBuilder(correction).setCandidateId("other").build()));
        assertEquals(null, Verdicts.better(null, correction));
    }

    @Test
    void shouldWaitOnlyForFreshUnresolvedCandidates() {
        java.time.Duration window = java.time.Duration.ofSeconds(1);
        assertEquals(true, Verdicts.unsettled(match("copy", "copy", LATER, 0.9), LATER.plusMillis(500), window));
        assertEquals(false, Verdicts.unsettled(match("copy", "copy", LATER, 0.9), LATER.plusSeconds(2), window));
        assertEquals(false, Verdicts.unsettled(match("copy", "root", LATER, 0.9), LATER, window));
        assertEquals(false, Verdicts.unsettled(AnchorBuckets.noMatch("me"), LATER, window));
    }

    @Test
    void shouldMakeAMatchedArticleACopyInItsMatchsStory() {
        DedupVerdict v = Verdicts.of("me", match("copy", "root", EARLY, 0.7), LATER, LATER);
        assertEquals(DedupStatus.COPY, v.getStatus());
        assertEquals("root", v.getClusterId());
        assertEquals("copy", v.getCanonicalId());
        assertEquals(0.7, v.getSimilarity());
        assertEquals(EARLY, v.getStoryFirstSeen());
    }
}
