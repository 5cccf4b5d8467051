package io.newsstream.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.MatchMethod;
import io.newsstream.schema.StoryEntry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoryMatcherTest {

    private static final Instant MONDAY = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant TUESDAY = MONDAY.plus(Duration.ofDays(1));

    @Test
    void shouldFoundAStoryWithTheFirstArticleSeen() {
        StoryMatcher.Decision d = StoryMatcher.decide("wire-1", null, MONDAY);
        assertEquals(DedupStatus.ORIGINAL, d.verdict().getStatus());
        assertEquals("wire-1", d.verdict().getClusterId());
        assertEquals("wire-1", d.verdict().getCanonicalId());
        assertEquals(MatchMethod.NONE, d.verdict().getMethod());
        assertEquals(new StoryEntry("wire-1", "wire-1", MONDAY, MONDAY), d.entry());
    }

    @Test
    void shouldMarkALaterArticleWithTheSameFingerprintAsACopy() {
        StoryEntry founded = StoryMatcher.decide("wire-1", null, MONDAY).entry();
        StoryMatcher.Decision copy = StoryMatcher.decide("outlet-7", founded, TUESDAY);
        assertEquals(DedupStatus.COPY, copy.verdict().getStatus());
        assertEquals("wire-1", copy.verdict().getClusterId());
        assertEquals("wire-1", copy.verdict().getCanonicalId());
        assertEquals(MatchMethod.EXACT, copy.verdict().getMethod());
        assertEquals(TUESDAY, copy.entry().getLastSeen());
        assertEquals(MONDAY, copy.entry().getFirstSeen());
    }

    @Test
    void shouldNeverMakeAnArticleACopyOfItselfOnReplay() {
        StoryEntry founded = StoryMatcher.decide("wire-1", null, MONDAY).entry();
        StoryMatcher.Decision replay = StoryMatcher.decide("wire-1", founded, MONDAY);
        assertEquals(DedupStatus.ORIGINAL, replay.verdict().getStatus());
        assertEquals("wire-1", replay.verdict().getClusterId());
    }

    @Test
    void shouldNotMoveLastSeenBackwardsForLateArrivals() {
        StoryEntry seenTuesday = new StoryEntry("wire-1", "wire-1", MONDAY, TUESDAY);
        assertEquals(TUESDAY, StoryMatcher.decide("late-copy", seenTuesday, MONDAY).entry().getLastSeen());
    }

    @Test
    void shouldExpireEntriesOnlyAfterTheRetention() {
        StoryEntry entry = new StoryEntry("wire-1", "wire-1", MONDAY, MONDAY);
        assertFalse(StoryMatcher.isExpired(entry, MONDAY.plus(Duration.ofDays(7)), Duration.ofDays(7)));
        assertTrue(StoryMatcher.isExpired(entry, MONDAY.plus(Duration.ofDays(7)).plusMillis(1), Duration.ofDays(7)));
    }
}
