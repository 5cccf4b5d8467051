package io.newsstream.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.newsstream.schema.AnchorBucket;
import io.newsstream.schema.AnchorEntry;
import io.newsstream.schema.AnchorMatch;
import io.newsstream.schema.AnchorProbe;
import io.newsstream.schema.MatchMethod;
import io.newsstream.schema.Signature;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AnchorBucketsTest {

    private static final Instant MONDAY = Instant.parse("2026-11-02T10:00:00Z");
    private static final long ANCHOR = 42L;

    private final AnchorBuckets buckets = new AnchorBuckets(SyndicationRule.DEFAULT, 3);
    private final SignatureBuilder signatures = new SignatureBuilder(12, 256);

    private AnchorProbe probe(String id, String body) {
        Signature s = signatures.describe(body).signature();
        return AnchorProbe.newBuilder().setAnchor(ANCHOR).setArticleId(id).setClusterId(id).setIngestedAt(MONDAY)
                .setExactHash(id.startsWith("exact") ? "same" : id).setSignature(s).build();
    }

    private AnchorBuckets.Outcome probeAt(AnchorBucket bucket, AnchorProbe probe, int minute) {
        return buckets.probe(bucket, probe, MONDAY, MONDAY.plus(Duration.ofMinutes(minute)));
    }

    @Test
    void shouldAnswerNothingForTheFirstArticleAndRememberIt() {
        AnchorBuckets.Outcome first = probeAt(null, probe("wire", SyndicationFixtures.wireStory()), 0);
        assertNull(first.match().getCandidateId());
        assertEquals(1, first.bucket().getEntries().size());
        assertEquals(MONDAY, first.bucket().getEntries().get(0).getClusterSince());
    }

    @Test
    void shouldMatchALaterCopyAndGiveItTheStoryOfItsMatch() {
        AnchorBucket bucket = probeAt(null, probe("wire", SyndicationFixtures.wireStory()), 0).bucket();
        AnchorBuckets.Outcome copy = probeAt(bucket, probe("abridged", SyndicationFixtures.abridged()), 5);
        assertEquals("wire", copy.match().getCandidateId());
        assertEquals("wire", copy.match().getCandidateClusterId());
        assertEquals(MatchMethod.CONTAINMENT, copy.match().getMethod());
        AnchorEntry stored = copy.bucket().getEntries().get(1);
        assertEquals("wire", stored.getClusterId());
        assertEquals(MONDAY, stored.getClusterSince());
    }

    @Test
    void shouldNotMatchAnIndependentReport() {
        AnchorBucket bucket = probeAt(null, probe("wire", SyndicationFixtures.wireStory()), 0).bucket();
        assertNull(probeAt(bucket, probe("other-outlet", SyndicationFixtures.independentReport()), 5).match().getCandidateId());
    }

    @Test
    void shouldGiveAReplayedArticleTheSameAnswerAndNeverMatchItselfOrItsLaterCopies() {
        AnchorBucket bucket = probeAt(null, probe("wire", SyndicationFixtures.wireStory()), 0).bucket();
        bucket = probeAt(bucket, probe("abridged", SyndicationFixtures.abridged()), 5).bucket();
        AnchorBuckets.Outcome replayOfOriginal = probeAt(bucket, probe("wire", SyndicationFixtures.wireStory()), 9);
        assertNull(replayOfOriginal.match().getCandidateId());
        AnchorBuckets.Outcome replayOfCopy = probeAt(replayOfOriginal.bucket(), probe("abridged", SyndicationFixtures.abridged()), 9);
        assertEquals("wire", replayOfCopy.match().getCandidateId());
        assertEquals(2, replayOfCopy.bucket().getEntries().size());
    }

    @Test
    void shouldDescribeIdenticalTextAsExact() {
        AnchorBucket bucket = probeAt(null, probe("exact-1", SyndicationFixtures.wireStory()), 0).bucket();
        AnchorMatch match = probeAt(bucket, probe("exact-2", SyndicationFixtures.wireStory()), 1).match();
        assertEquals(MatchMethod.EXACT, match.getMethod());
        assertEquals(1.0, match.getSimilarity());
    }

    @Test
    void shouldForgetTheOldestArticlesOfAnOvercrowdedAnchor() {
        AnchorBucket bucket = null;
        for (int i = 0; i < 5; i++) {
            bucket = probeAt(bucket, probe("brief-" + i, "Unrelated brief number " + i + " about a different subject entirely."), i).bucket();
        }
        assertEquals(3, bucket.getEntries().size());
        assertEquals("brief-2", bucket.getEntries().get(0).getArticleId());
    }

    @Test
    void shouldRecordAFinalStoryOnTheArticleAndOnEntriesThatJoinedIt() {
        AnchorBucket bucket = probeAt(null, probe("copy-1", SyndicationFixtures.wireStory()), 0).bucket();
        bucket = probeAt(bucket, probe("copy-2", SyndicationFixtures.restyled()), 1).bucket();
        AnchorProbe update = AnchorProbe.newBuilder().setAnchor(ANCHOR).setArticleId("copy-1").setClusterId("root")
                .setClusterSince(MONDAY.minusSeconds(60)).setIngestedAt(MONDAY).setSignature(null).build();
        AnchorBucket updated = buckets.recordCluster(bucket, update);
        assertEquals("root", updated.getEntries().get(0).getClusterId());
        assertEquals("root", updated.getEntries().get(1).getClusterId());
    }

    @Test
    void shouldEvictEntriesPastTheRetention() {
        AnchorBucket bucket = probeAt(null, probe("wire", SyndicationFixtures.wireStory()), 0).bucket();
        assertEquals(bucket, AnchorBuckets.evict(bucket, MONDAY.plus(Duration.ofDays(7)), Duration.ofDays(7)));
        assertNull(AnchorBuckets.evict(bucket, MONDAY.plus(Duration.ofDays(8)), Duration.ofDays(7)));
    }
}
