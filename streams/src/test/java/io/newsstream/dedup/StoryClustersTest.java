package io.newsstream.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.MatchMethod;
import io.newsstream.schema.StoryCluster;
import io.newsstream.schema.StoryMember;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoryClustersTest {

    private static final Instant NOON = Instant.parse("2026-11-02T12:00:00Z");
    private final StoryClusters clusters = new StoryClusters(3);

    private static StoryMember member(String id, String outlet, Instant published, DedupStatus status) {
        return StoryMember.newBuilder().setArticleId(id).setSource(outlet).setUrl("https://" + outlet + ".example/" + id)
                .setTitle("t").setPublishedAt(published).setFirstSeen(NOON).setStatus(status).setSimilarity(1.0)
                .setMethod(MatchMethod.NONE).build();
    }

    @Test
    void shouldListEveryOutletAndMakeTheEarliestPublishedCanonical() {
        StoryCluster c = clusters.add(null, "copy-first", member("copy-first", "valley", NOON, DedupStatus.ORIGINAL), NOON);
        c = clusters.add(c, "copy-first", member("wire", "wire", NOON.minusSeconds(3600), DedupStatus.COPY), NOON.plusSeconds(60));
        assertEquals("wire", c.getCanonical().getArticleId());
        assertEquals(List.of("valley", "wire"), c.getOutlets());
        assertEquals(2, c.getMemberCount());
        assertEquals(NOON.plusSeconds(60), c.getUpdatedAt());
    }

    @Test
    void shouldCountReplaysOnceAndCapTheListedMembers() {
        StoryCluster c = null;
        for (String id : List.of("a", "b", "b", "c", "d")) {
            c = clusters.add(c, "a", member(id, "outlet-" + id, NOON, DedupStatus.COPY), NOON);
        }
        assertEquals(4, c.getMemberCount());
        assertEquals(List.of("b", "c", "d"), c.getMembers().stream().map(StoryMember::getArticleId).toList());
        assertEquals("a", c.getCanonical().getArticleId());
    }
}
