package io.newsstream.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.schema.AnchorEntry;
import io.newsstream.schema.AnchorMatch;
import io.newsstream.schema.AnchorProbe;
import io.newsstream.schema.ArticleStory;
import io.newsstream.schema.MatchMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnchorBucketsTest {

    private static final Instant MONDAY = Instant.parse("2026-11-02T10:00:00Z");
    private static final long ANCHOR = 42L;

    private final AnchorBuckets buckets = new AnchorBuckets(SyndicationRule.DEFAULT, 3);
    private final SignatureBuilder signatures = new SignatureBuilder(12, 256);
    /** The anchor's entries, as the store would hold them. */
    private final List<AnchorEntry> anchor = new ArrayList<>();
    /** The settled stories of the anchor partition, by article id. */
    private final Map<String, ArticleStory> stories = new HashMap<>();
    private long clock;

    private AnchorProbe probe(String id, String body, List<Long> articleAnchors) {
        return AnchorProbe.newBuilder().setAnchors(List.of(ANCHOR)).setArticleAnchors(articleAnchors).setArticleId(id)
                .setClusterId(id).setIngestedAt(MONDAY).setExactHash(id.startsWith("exact") ? "same" : id)
                .setSignature(signatures.describe(body).signature())
                .build();
    }

    /** Probes the anchor and applies the outcome like the processor does. */
    private AnchorBuckets.Outcome visit(String id, String body, List<Long> articleAnchors) {
        clock++;
        AnchorBuckets.Outcome o = buckets.probe(ANCHOR, anchor, probe(id, body, articleAnchors), MONDAY,
                MONDAY.plus(Duration.ofMinutes(clock)), clock, new HashMap<>(), stories::get);
        if (o.stored()) {
            anchor.removeIf(e -> e.getArticleId().equals(id));
            anchor.add(o.entry());
        }
        return o;
    }

    private AnchorBuckets.Outcome visit(String id, String body) {
        return visit(id, body, List.of(ANCHOR));
    }

    private static List<String> found(AnchorBuckets.Outcome o) {
        return o.matches().stream().map(AnchorMatch::getCandidateId).toList();
    }

    private AnchorEntry entry(String id) {
        return anchor.stream().filter(e -> e.getArticleId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void shouldAnswerNothingForTheFirstArticleAndRememberIt() {
        assertEquals(List.of(), found(visit("wire", SyndicationFixtures.wireStory())));
        assertEquals(1, anchor.size());
        assertEquals(MONDAY.plus(Duration.ofMinutes(1)), entry("wire").getClusterSince());
    }

    @Test
    void shouldMatchALaterCopyAndGiveItTheStoryOfItsMatch() {
        visit("wire", SyndicationFixtures.wireStory());
        AnchorMatch copy = visit("abridged", SyndicationFixtures.abridged()).matches().get(0);
        assertEquals("wire", copy.getCandidateId());
        assertEquals("wire", copy.getCandidateClusterId());
        assertEquals(MatchMethod.CONTAINMENT, copy.getMethod());
        assertEquals(ANCHOR, copy.getFoundAt());
        assertEquals("wire", entry("abridged").getClusterId());
        assertEquals(entry("wire").getClusterSince(), entry("abridged").getClusterSince());
    }

    @Test
    void shouldNotMatchAnIndependentReport() {
        visit("wire", SyndicationFixtures.wireStory());
        assertEquals(List.of(), found(visit("other-outlet", SyndicationFixtures.independentReport())));
    }

    @Test
    void shouldGiveAReplayedArticleTheSameAnswerAndNeverMatchItselfOrItsLaterCopies() {
        visit("wire", SyndicationFixtures.wireStory());
        visit("abridged", SyndicationFixtures.abridged());
        assertEquals(List.of(), found(visit("wire", SyndicationFixtures.wireStory())));
        assertEquals(List.of("wire"), found(visit("abridged", SyndicationFixtures.abridged())));
        assertEquals(2, anchor.size());
    }

    @Test
    void shouldDescribeIdenticalTextAsExact() {
        visit("exact-1", SyndicationFixtures.wireStory());
        AnchorMatch match = visit("exact-2", SyndicationFixtures.wireStory()).matches().get(0);
        assertEquals(MatchMethod.EXACT, match.getMethod());
        assertEquals(1.0, match.getSimilarity());
    }

    @Test
    void shouldKeepTheFirstArticlesOfAFullAnchorAndStillCompareNewcomersWithThem() {
        for (int i = 0; i < 3; i++) {
            assertTrue(visit("brief-" + i, "Unrelated brief number " + i + " about a different subject entirely.").stored());
        }
        assertFalse(visit("wire", SyndicationFixtures.wireStory()).stored());
        assertEquals(List.of("brief-0", "brief-1", "brief-2"), anchor.stream().map(AnchorEntry::getArticleId).toList());

        anchor.clear();
        visit("wire", SyndicationFixtures.wireStory());
        visit("brief-1", "Unrelated brief number 1 about a different subject entirely.");
        visit("brief-2", "Unrelated brief number 2 about a different subject entirely.");
        AnchorBuckets.Outcome copy = visit("abridged", SyndicationFixtures.abridged());
        assertFalse(copy.stored());
        assertEquals(List.of("wire"), found(copy));
    }

    @Test
    void shouldRememberWhereTheArticleMeetsOthersFirstAndJoinOnlyStoriesMetThere() {
        visit("wire", SyndicationFixtures.wireStory(), List.of(7L, ANCHOR, 99L));
        assertEquals(List.of(7L), entry("wire").getAnchorsBelow());
        // The copy also carries anchor 7, where the two meet first: what it finds here is not yet its story.
        AnchorBuckets.Outcome copy = visit("abridged", SyndicationFixtures.abridged(), List.of(7L, ANCHOR));
        assertEquals(List.of(7L), copy.matches().get(0).getCandidateAnchorsBelow());
        assertEquals("abridged", entry("abridged").getClusterId());
    }

    @Test
    void shouldReportTheCandidatesSettledStoryOrTheOneItJoinedWhileItsVerdictIsNotOut() {
        visit("copy-1", SyndicationFixtures.wireStory());
        visit("copy-2", SyndicationFixtures.restyled());
        AnchorMatch beforeAnyVerdict = visit("copy-3", SyndicationFixtures.abridged()).matches().stream()
                .filter(m -> m.getCandidateId().equals("copy-2")).findFirst().orElseThrow();
        assertEquals("copy-1", beforeAnyVerdict.getCandidateClusterId());
        assertFalse(beforeAnyVerdict.getCandidateSettled());

        // copy-1 turns out to be a copy of an older story: copy-2, which joined copy-1, leads there too.
        stories.put("copy-1", ArticleStory.newBuilder().setClusterId("root").setClusterSince(MONDAY).setLastSeen(MONDAY).build());
        List<AnchorMatch> later = visit("copy-4", SyndicationFixtures.abridged()).matches();
        AnchorMatch first = later.stream().filter(m -> m.getCandidateId().equals("copy-1")).findFirst().orElseThrow();
        AnchorMatch joined = later.stream().filter(m -> m.getCandidateId().equals("copy-2")).findFirst().orElseThrow();
        assertEquals("root", first.getCandidateClusterId());
        assertTrue(first.getCandidateSettled());
        assertEquals("root", joined.getCandidateClusterId());
        assertEquals(MONDAY, joined.getCandidateClusterSince());
        assertFalse(joined.getCandidateSettled());
    }
}
