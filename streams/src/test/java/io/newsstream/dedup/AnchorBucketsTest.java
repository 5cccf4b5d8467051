package io.newsstream.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.newsstream.schema.AnchorEntry;
import io.newsstream.schema.AnchorMatch;
import io.newsstream.schema.AnchorProbe;
import io.newsstream.schema.MatchMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnchorBucketsTest {

    private static final Instant MONDAY = Instant.parse("2026-11-02T10:00:00Z");

    private final AnchorBuckets buckets = new AnchorBuckets(SyndicationRule.DEFAULT, 3);
    private final SignatureBuilder signatures = new SignatureBuilder(12, 256);
    /** The anchor's entries, as the store would hold them. */
    private final List<AnchorEntry> anchor = new ArrayList<>();
    private long clock;

    private AnchorProbe probe(String id, String body) {
        return AnchorProbe.newBuilder().setAnchors(java.util.List.of(42L)).setArticleId(id).setClusterId(id).setIngestedAt(MONDAY)
                .setExactHash(id.startsWith("exact") ? "same" : id).setSignature(signatures.describe(body).signature())
                .build();
    }

    /** Probes the anchor and applies the outcome like the processor does. */
    private AnchorMatch visit(String id, String body) {
        clock++;
        AnchorBuckets.Outcome o = buckets.probe(anchor, probe(id, body), MONDAY, MONDAY.plus(Duration.ofMinutes(clock)), clock);
        anchor.removeAll(o.dropped());
        anchor.removeIf(e -> e.getArticleId().equals(id));
        anchor.add(o.entry());
        return o.match();
    }

    private AnchorEntry entry(String id) {
        return anchor.stream().filter(e -> e.getArticleId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void shouldAnswerNothingForTheFirstArticleAndRememberIt() {
        assertNull(visit("wire", SyndicationFixtures.wireStory()).getCandidateId());
        assertEquals(1, anchor.size());
        assertEquals(MONDAY.plus(Duration.ofMinutes(1)), entry("wire").getClusterSince());
    }

    @Test
    void shouldMatchALaterCopyAndGiveItTheStoryOfItsMatch() {
        visit("wire", SyndicationFixtures.wireStory());
        AnchorMatch copy = visit("abridged", SyndicationFixtures.abridged());
        assertEquals("wire", copy.getCandidateId());
        assertEquals("wire", copy.getCandidateClusterId());
        assertEquals(MatchMethod.CONTAINMENT, copy.getMethod());
        assertEquals("wire", entry("abridged").getClusterId());
        assertEquals(entry("wire").getClusterSince(), entry("abridged").getClusterSince());
    }

    @Test
    void shouldNotMatchAnIndependentReport() {
        visit("wire", SyndicationFixtures.wireStory());
        assertNull(visit("other-outlet", SyndicationFixtures.independentReport()).getCandidateId());
    }

    @Test
    void shouldGiveAReplayedArticleTheSameAnswerAndNeverMatchItselfOrItsLaterCopies() {
        visit("wire", SyndicationFixtures.wireStory());
        visit("abridged", SyndicationFixtures.abridged());
        assertNull(visit("wire", SyndicationFixtures.wireStory()).getCandidateId());
        assertEquals("wire", visit("abridged", SyndicationFixtures.abridged()).getCandidateId());
        assertEquals(2, anchor.size());
    }

    @Test
    void shouldDescribeIdenticalTextAsExact() {
        visit("exact-1", SyndicationFixtures.wireStory());
        AnchorMatch match = visit("exact-2", SyndicationFixtures.wireStory());
        assertEquals(MatchMethod.EXACT, match.getMethod());
        assertEquals(1.0, match.getSimilarity());
    }

    @Test
    void shouldForgetTheOldestArticlesOfAnOvercrowdedAnchor() {
        for (int i = 0; i < 5; i++) {
            visit("brief-" + i, "Unrelated brief number " + i + " about a different subject entirely.");
        }
        assertEquals(List.of("brief-2", "brief-3", "brief-4"), anchor.stream().map(AnchorEntry::getArticleId).toList());
    }

    @Test
    void shouldRecordAFinalStoryOnTheArticleAndOnEntriesThatJoinedIt() {
        visit("copy-1", SyndicationFixtures.wireStory());
        visit("copy-2", SyndicationFixtures.restyled());
        AnchorProbe update = AnchorProbe.newBuilder().setAnchors(java.util.List.of(42L)).setArticleId("copy-1").setClusterId("root")
                .setClusterSince(MONDAY).setIngestedAt(MONDAY).setSignature(null).build();
        List<AnchorEntry> changed = buckets.recordCluster(anchor, update);
        assertEquals(List.of("copy-1", "copy-2"), changed.stream().map(AnchorEntry::getArticleId).toList());
        assertEquals(List.of("root", "root"), changed.stream().map(AnchorEntry::getClusterId).toList());
    }
}
