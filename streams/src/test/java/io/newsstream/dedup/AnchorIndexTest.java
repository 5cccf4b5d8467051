package io.newsstream.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnchorIndexTest {

    @Test
    void shouldFindArticlesByTheAnchorsTheyShareMostSharedFirst() {
        AnchorIndex index = new AnchorIndex();
        index.add("wire", 100, 0, new int[] {1, 2, 3});
        index.add("outlet", 200, 1, new int[] {2, 3, 4});
        index.add("other", 300, 2, new int[] {9});
        List<AnchorIndex.Candidate> found = index.candidates(new int[] {2, 3, 1});
        assertEquals(List.of("wire", "outlet"), found.stream().map(AnchorIndex.Candidate::articleId).toList());
        assertEquals(3, found.get(0).sharedAnchors());
        assertEquals(2, index.count(3));
        assertEquals(List.of(), index.candidates(new int[] {7}));
    }

    @Test
    void shouldRankCandidatesSharingAsManyAnchorsByArrival() {
        AnchorIndex index = new AnchorIndex();
        index.add("later", 100, 5, new int[] {1});
        index.add("earlier", 100, 2, new int[] {1});
        assertEquals(List.of("earlier", "later"), index.candidates(new int[] {1}).stream().map(AnchorIndex.Candidate::articleId).toList());
    }

    @Test
    void shouldForgetArticlesPublishedBeforeTheCutoff() {
        AnchorIndex index = new AnchorIndex();
        index.add("old", 100, 0, new int[] {1, 2});
        index.add("new", 500, 1, new int[] {2});
        assertEquals(List.of("old"), index.evictBefore(300));
        assertFalse(index.contains("old"));
        assertEquals(List.of("new"), index.candidates(new int[] {1, 2}).stream().map(AnchorIndex.Candidate::articleId).toList());
        assertEquals(0, index.count(1));
    }

    /** Many articles, colliding anchors and removals, checked against a plain map after every step. */
    @Test
    void shouldAgreeWithASimpleMultimapThroughAddsAndRemovals() {
        Random random = new Random(7);
        AnchorIndex index = new AnchorIndex();
        Map<String, int[]> model = new HashMap<>();
        for (int step = 0; step < 20_000; step++) {
            String id = "a" + random.nextInt(2_000);
            if (random.nextInt(3) == 0) {
                index.remove(id);
                model.remove(id);
            } else {
                int[] anchors = random.ints(1 + random.nextInt(8), 0, 500).distinct().toArray();
                index.add(id, step, step, anchors);
                model.put(id, anchors);
            }
            if (step % 997 == 0) {
                int anchor = random.nextInt(500);
                Set<String> expected = new HashSet<>();
                model.forEach((a, anchors) -> {
                    for (int x : anchors) {
                        if (x == anchor) {
                            expected.add(a);
                        }
                    }
                });
                Set<String> actual = new HashSet<>();
                index.candidates(new int[] {anchor}).forEach(c -> actual.add(c.articleId()));
                assertEquals(expected, actual, "anchor " + anchor + " at step " + step);
                assertEquals(expected.size(), index.count(anchor));
            }
        }
        assertEquals(model.size(), index.size());
    }

    /** A million retained articles must fit in 1 GB of heap: under 1 KB each with an ordinary article's anchors. */
    @Test
    void shouldTakeLessThanAKilobyteOfHeapPerArticle() {
        AnchorIndex index = new AnchorIndex();
        Random random = new Random(3);
        int articles = 50_000;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < articles; i++) {
            String id = "wire-" + Long.toHexString(random.nextLong()) + "-" + i;
            ids.add(id);
            index.add(id, i, i, random.ints(36).toArray());
        }
        double perArticle = (double) index.heapBytes() / articles;
        assertTrue(perArticle < 1024, perArticle + " bytes per article");
        assertTrue(perArticle > 36 * 4, "the estimate counts at least the anchors: " + perArticle);
    }
}
