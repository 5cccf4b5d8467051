package io.newsstream.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.schema.AnchorMatch;
import io.newsstream.schema.AnchorProbe;
import io.newsstream.schema.ArticleStory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleStoriesTest {

    private static final Instant MONDAY = Instant.parse("2026-11-02T10:00:00Z");

    private static AnchorProbe verdict(String id, String cluster) {
        return AnchorProbe.newBuilder().setAnchors(List.of(1L)).setArticleId(id).setClusterId(cluster)
                .setClusterSince(MONDAY).setIngestedAt(MONDAY).setSignature(null).build();
    }

    @Test
    void shouldTellEveryArticleThatFoundTheCandidateEarlyItsVerdictOnce() {
        ArticleStory watched = ArticleStories.watched(null, "copy-a", MONDAY);
        watched = ArticleStories.watched(watched, "copy-b", MONDAY.plusSeconds(1));
        watched = ArticleStories.watched(watched, "copy-a", MONDAY);
        assertFalse(ArticleStories.isSettled(watched));
        assertEquals(MONDAY.plusSeconds(1), watched.getLastSeen());

        List<AnchorMatch> news = ArticleStories.corrections(watched, verdict("candidate", "root"));
        assertEquals(List.of("copy-a", "copy-b"), news.stream().map(AnchorMatch::getArticleId).toList());
        assertTrue(news.stream().allMatch(m -> m.getCorrection() && m.getCandidateSettled()
                && m.getCandidateId().equals("candidate") && m.getCandidateClusterId().equals("root")));

        ArticleStory settled = ArticleStories.settled(verdict("candidate", "root"), MONDAY.plusSeconds(2));
        assertTrue(ArticleStories.isSettled(settled));
        assertEquals(List.of(), settled.getWatchers());
        assertEquals(List.of(), ArticleStories.corrections(null, verdict("candidate", "root")));
    }
}
