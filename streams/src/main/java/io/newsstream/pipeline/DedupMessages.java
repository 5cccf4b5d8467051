package io.newsstream.pipeline;

import io.newsstream.dedup.AnchorRouting;
import io.newsstream.schema.AnchorProbe;
import io.newsstream.schema.DedupMessage;
import io.newsstream.schema.DedupVerdict;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.StoryMember;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/** The records the dedup stage exchanges, made from an article. Pure. */
final class DedupMessages {

    private DedupMessages() {
    }

    /** One lookup per anchor-topic partition the article's anchors fall on, carrying the signature once. */
    static List<KeyValue<Long, AnchorProbe>> probes(Analysis analysis, AnchorRouting routing) {
        EnrichedArticle article = analysis.article();
        List<KeyValue<Long, AnchorProbe>> probes = new ArrayList<>();
        for (List<Long> group : routing.groups(article.getFingerprint().getAnchors())) {
            probes.add(KeyValue.pair(group.get(0), AnchorProbe.newBuilder()
                    .setAnchors(group).setArticleAnchors(article.getFingerprint().getAnchors())
                    .setArticleId(article.getId()).setClusterId(article.getId())
                    .setClusterSince(article.getProcessedAt())
                    .setEventTime(eventTime(article))
                    .setIngestedAt(article.getIngestedAt()).setExactHash(article.getFingerprint().getExactHash())
                    .setSignature(analysis.signature())
                    .build()));
        }
        return probes;
    }

    /**
     * The article's verdict, recorded at its anchor partitions (no signature: an update, not a lookup). Originals
     * too: articles that found this one before its verdict was out are waiting to hear it.
     */
    static List<KeyValue<Long, AnchorProbe>> clusterUpdates(EnrichedArticle article, AnchorRouting routing) {
        DedupVerdict verdict = article.getDedup();
        List<KeyValue<Long, AnchorProbe>> updates = new ArrayList<>();
        for (List<Long> group : routing.groups(article.getFingerprint().getAnchors())) {
            updates.add(KeyValue.pair(group.get(0), AnchorProbe.newBuilder()
                    .setAnchors(group).setArticleId(article.getId()).setClusterId(verdict.getClusterId())
                    .setClusterSince(verdict.getStoryFirstSeen())
                    .setEventTime(eventTime(article))
                    .setIngestedAt(article.getIngestedAt()).setSignature(null)
                    .build()));
        }
        return updates;
    }

    private static Instant eventTime(EnrichedArticle article) {
        return Instant.ofEpochMilli(EventTime.of(article.getPublishedAt(), article.getIngestedAt()));
    }

    static DedupMessage waiting(Analysis analysis) {
        return DedupMessage.newBuilder().setArticle(analysis.article()).build();
    }

    static StoryMember member(EnrichedArticle article) {
        DedupVerdict verdict = article.getDedup();
        return StoryMember.newBuilder()
                .setArticleId(article.getId()).setSource(article.getSource()).setUrl(article.getUrl())
                .setTitle(article.getTitle()).setPublishedAt(article.getPublishedAt()).setFirstSeen(article.getIngestedAt())
                .setStatus(verdict.getStatus()).setSimilarity(verdict.getSimilarity()).setMethod(verdict.getMethod())
                .build();
    }
}
