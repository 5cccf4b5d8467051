package io.newsstream.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.schema.AnchorMatch;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.DedupVerdict;
import io.newsstream.schema.MatchMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictsTest {

    private static final Instant EARLY = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant LATER = EARLY.plusSeconds(5);

    private static AnchorMatch match(String candidate, String cluster, Instant since, double similarity) {
        return AnchorMatch.newBuilder().setArticleId("me").setCandidateId(candidate).setCandidateClusterId(cluster)
                .setCandidateClusterSince(since).setSimilarity(similarity).setMethod(MatchMethod.NEAR).build();
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
        DedupVerdict v = Verdicts.of("me", null, LATER, LATER.plusSeconds(1));
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
    void shouldMoveAMatchIntoTheStoryItsCandidatesVerdictSettled() {
        AnchorMatch intoACopy = match("copy", "copy", EARLY, 0.9);
        // The candidate was seen before the root it turned out to copy (another instance was faster): still the root.
        AnchorMatch correction = AnchorMatch.newBuilder(match("copy", "root", LATER, 0.0)).setCorrection(true)
                .setCandidateSettled(true).build();
        AnchorMatch corrected = Verdicts.corrected(intoACopy, correction);
        assertEquals("root", corrected.getCandidateClusterId());
        assertEquals(LATER, corrected.getCandidateClusterSince());
        assertTrue(corrected.getCandidateSettled());
        assertEquals(0.9, corrected.getSimilarity());
        assertEquals(intoACopy, Verdicts.corrected(intoACopy, AnchorMatch.newBuilder(correction).setCandidateId("other").build()));
    }

    /** A match found at anchor {@code foundAt}, of a candidate whose smaller anchors are {@code below}. */
    private static AnchorMatch found(String candidate, long foundAt, List<Long> below, Instant candidateFirstSeen) {
        return AnchorMatch.newBuilder(match(candidate, candidate, candidateFirstSeen, 0.8)).setFoundAt(foundAt)
                .setCandidateAnchorsBelow(below).setCandidateFirstSeen(candidateFirstSeen).build();
    }

    @Test
    void shouldLetTheFirstSharedAnchorDecideWhichCameFirst() {
        List<Long> mine = List.of(1L, 2L, 3L);
        Duration concurrency = Duration.ofMinutes(1);
        // Found at the first anchor the two share: the candidate was there first.
        assertTrue(Verdicts.precedes(found("c", 2, List.of(-5L), LATER), mine, List.of(1L, 2L, 3L), LATER, concurrency));
        // Missing from a shared anchor that kept this article: the candidate came later and will find it there.
        assertFalse(Verdicts.precedes(found("c", 2, List.of(1L), LATER), mine, List.of(1L, 2L, 3L), LATER, concurrency));
        // That anchor was full and did not keep this article: it decides nothing, the next shared anchor does.
        assertTrue(Verdicts.precedes(found("c", 2, List.of(1L), LATER), mine, List.of(2L, 3L), LATER, concurrency));
        // Seen long before this article: no race, it came first.
        assertTrue(Verdicts.precedes(found("c", 2, List.of(1L), EARLY.minusSeconds(600)), mine, mine, LATER, concurrency));
    }

    @Test
    void shouldMakeExactlyOneOfTwoArticlesProcessedAtOnceTheCopy() {
        // A and B share anchors 1 and 2, on different partitions; A reached anchor 1 first, B reached anchor 2 first.
        List<Long> anchors = List.of(1L, 2L);
        AnchorMatch aFindsB = found("b", 2, List.of(1L), LATER);
        AnchorMatch bFindsA = found("a", 1, List.of(), LATER);
        AnchorMatch forA = Verdicts.best(Verdicts.preceding(List.of(aFindsB), anchors, anchors, LATER, Duration.ofMinutes(1)));
        AnchorMatch forB = Verdicts.best(Verdicts.preceding(List.of(bFindsA), anchors, anchors, LATER, Duration.ofMinutes(1)));
        assertNull(forA);
        assertEquals("a", forB.getCandidateId());
    }

    @Test
    void shouldWaitOnlyForARecentBestCandidateWhoseVerdictIsNotOut() {
        Duration patience = Duration.ofMinutes(1);
        AnchorMatch fresh = found("copy", 2, List.of(), LATER);
        AnchorMatch settled = AnchorMatch.newBuilder(fresh).setCandidateSettled(true).build();
        assertTrue(Verdicts.awaitsCandidate(fresh, LATER.plusSeconds(1), patience));
        assertFalse(Verdicts.awaitsCandidate(settled, LATER.plusSeconds(1), patience));
        assertFalse(Verdicts.awaitsCandidate(found("old", 2, List.of(), EARLY.minusSeconds(600)), LATER, patience));
        assertFalse(Verdicts.awaitsCandidate(fresh, LATER.plus(patience).plusSeconds(1), patience));
        assertFalse(Verdicts.awaitsCandidate(null, LATER, patience));
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
