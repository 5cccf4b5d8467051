package io.newsstream.pipeline;

import io.newsstream.alert.AlertMatcher;
import io.newsstream.alert.AlertedStories;
import io.newsstream.dedup.StoryClusters;
import io.newsstream.dedup.StoryDesk;
import io.newsstream.schema.AnalyzedArticle;
import io.newsstream.schema.DedupVerdict;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.IndexedArticle;
import io.newsstream.schema.StoryCluster;
import io.newsstream.schema.StoryMember;
import io.newsstream.schema.StoryState;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The story stage's work for one article, without Kafka: its verdict (a replay gets its stored one), its story's
 * record, and the alerts the story raises for the first time. The {@link StoryProcessor} hands it its stores;
 * the JMH benchmark hands it maps. Not thread-safe: one per story task.
 */
public final class StoryStage {

    /** Where the stage keeps its records: a state store in the pipeline. */
    public interface Records<V> {
        V get(String key);

        void put(String key, V value);

        /** Records read and written by the given functions (a store's or a map's {@code get} and {@code put}). */
        static <V> Records<V> of(Function<String, V> get, BiConsumer<String, V> put) {
            return new Records<>() {
                @Override
                public V get(String key) {
                    return get.apply(key);
                }

                @Override
                public void put(String key, V value) {
                    put.accept(key, value);
                }
            };
        }
    }

    private final StoryDesk desk;
    private final StoryClusters clusters;

    public StoryStage(StoryDesk desk, StoryClusters clusters) {
        this.desk = desk;
        this.clusters = clusters;
    }

    /**
     * @param arrival the article's place in its shard's order
     * @param now     wall-clock time: when a new story is first seen and an alert raised
     */
    public StoryOutput process(AnalyzedArticle analyzed, long arrival, Instant now, Records<IndexedArticle> articles,
                               Records<StoryState> stories) {
        EnrichedArticle article = analyzed.getArticle();
        long eventTime = EventTime.of(article.getPublishedAt(), article.getIngestedAt());
        IndexedArticle indexed = desk.knows(article.getId()) ? articles.get(article.getId()) : null;
        if (indexed == null) {
            int[] anchors = article.getFingerprint().getAnchors().stream().mapToInt(Long::intValue).toArray();
            indexed = desk.decide(new StoryDesk.Arrival(article.getId(), eventTime, arrival, now,
                    article.getFingerprint().getExactHash(), anchors, analyzed.getSignature()), articles::get);
            articles.put(article.getId(), indexed);
        }
        // Set in place: the analysis stage made this value for this record alone.
        article.setDedup(indexed.getVerdict());
        String clusterId = indexed.getVerdict().getClusterId();
        StoryState state = stories.get(clusterId);
        StoryCluster story = clusters.add(state == null ? null : state.getStory(), clusterId, member(article),
                Instant.ofEpochMilli(eventTime));
        AlertedStories.Outcome alerts = AlertedStories.admit(state == null ? List.of() : state.getAlertedSubscriptions(),
                analyzed.getAlerts());
        stories.put(clusterId, new StoryState(story, alerts.alerted()));
        return new StoryOutput(article, story, AlertMatcher.raise(article, alerts.toSend(), now));
    }

    private static StoryMember member(EnrichedArticle article) {
        DedupVerdict verdict = article.getDedup();
        return StoryMember.newBuilder()
                .setArticleId(article.getId()).setSource(article.getSource()).setUrl(article.getUrl())
                .setTitle(article.getTitle()).setPublishedAt(article.getPublishedAt()).setFirstSeen(article.getIngestedAt())
                .setStatus(verdict.getStatus()).setSimilarity(verdict.getSimilarity()).setMethod(verdict.getMethod())
                .build();
    }
}
