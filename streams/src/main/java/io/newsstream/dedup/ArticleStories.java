package io.newsstream.dedup;

import io.newsstream.schema.AnchorMatch;
import io.newsstream.schema.AnchorProbe;
import io.newsstream.schema.ArticleStory;
import io.newsstream.schema.MatchMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Verdicts as the anchor partitions know them. When an article finds a candidate whose own verdict is not out
 * yet, it cannot know the candidate's final story, so it registers as a watcher of the candidate; when the
 * candidate's verdict reaches the partition, the story is recorded and every watcher hears it (a correction).
 * Both happen on the partition where the candidate was found, in that partition's order, so an article either
 * sees the verdict in its answer or hears it afterwards — whatever the timing between instances. Pure.
 */
public final class ArticleStories {

    private ArticleStories() {
    }

    /** Whether the record holds the article's final story. */
    public static boolean isSettled(ArticleStory story) {
        return story != null && story.getClusterId() != null;
    }

    /** The record after {@code watcher} found the article before its verdict was out. */
    public static ArticleStory watched(ArticleStory current, String watcher, Instant eventTime) {
        List<String> watchers = new ArrayList<>(current == null ? List.of() : current.getWatchers());
        if (!watchers.contains(watcher)) {
            watchers.add(watcher);
        }
        Instant lastSeen = current == null || current.getLastSeen().isBefore(eventTime) ? eventTime : current.getLastSeen();
        return ArticleStory.newBuilder().setWatchers(watchers).setLastSeen(lastSeen).build();
    }

    /** The record once the article's verdict ({@code update}, a cluster update) is out. */
    public static ArticleStory settled(AnchorProbe update, Instant eventTime) {
        return ArticleStory.newBuilder()
                .setClusterId(update.getClusterId()).setClusterSince(update.getClusterSince())
                .setLastSeen(eventTime).build();
    }

    /** The news for each watcher of the article whose verdict {@code update} brings. */
    public static List<AnchorMatch> corrections(ArticleStory current, AnchorProbe update) {
        if (current == null) {
            return List.of();
        }
        return current.getWatchers().stream()
                .map(watcher -> AnchorMatch.newBuilder()
                        .setArticleId(watcher)
                        .setCandidateId(update.getArticleId())
                        .setCandidateClusterId(update.getClusterId())
                        .setCandidateClusterSince(update.getClusterSince())
                        .setCandidateSettled(true)
                        .setMethod(MatchMethod.NEAR)
                        .setCorrection(true)
                        .build())
                .toList();
    }
}
