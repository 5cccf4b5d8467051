package io.newsstream.pipeline;

import io.newsstream.schema.AnchorMatch;
import io.newsstream.schema.AnchorProbe;
import io.newsstream.schema.DedupMessage;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.DedupVerdict;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.Fingerprint;
import io.newsstream.schema.StoryMember;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/** The records the dedup stage exchanges, made from an article. Pure. */
final class DedupMessages {

    private DedupMessages() {
    }

    /** One lookup per anchor, carrying the signature. */
    static List<KeyValue<Long, AnchorProbe>> probes(String articleId, EnrichedArticle article) {
        List<KeyValue<Long, AnchorProbe>> probes = new ArrayList<>();
        for (Long anchor : article.getFingerprint().getAnchors()) {
            probes.add(KeyValue.pair(anchor, AnchorProbe.newBuilder()
                    .setAnchor(anchor).setArticleId(article.getId()).setClusterId(article.getId())
                    .setClusterSince(article.getProcessedAt())
                    .setIngestedAt(article.getIngestedAt()).setExactHash(article.getFingerprint().getExactHash())
                    .setSignature(article.getFingerprint().getSignature())
                    .build()));
        }
        return probes;
    }

    /** For a copy, its final story recorded at each of its anchors (no signature: an update, not a lookup). */
    static List<KeyValue<Long, AnchorProbe>> clusterUpdates(String articleId, EnrichedArticle article) {
        DedupVerdict verdict = article.getDedup();
        if (verdict.getStatus() != DedupStatus.COPY) {
            return List.of();
        }
        List<KeyValue<Long, AnchorProbe>> updates = new ArrayList<>();
        for (Long anchor : article.getFingerprint().getAnchors()) {
            updates.add(KeyValue.pair(anchor, AnchorProbe.newBuilder()
                    .setAnchor(anchor).setArticleId(article.getId()).setClusterId(verdict.getClusterId())
                    .setClusterSince(verdict.getStoryFirstSeen())
                    .setIngestedAt(article.getIngestedAt()).setSignature(null)
                    .build()));
        }
        return updates;
    }

    /** The article as it waits for its verdict: without the signature, which only its anchors need. */
    static DedupMessage waiting(EnrichedArticle article) {
        Fingerprint fingerprint = Fingerprint.newBuilder(article.getFingerprint()).setSignature(null).build();
        return new DedupMessage(EnrichedArticle.newBuilder(article).setFingerprint(fingerprint).build(), null);
    }

    static DedupMessage answer(AnchorMatch match) {
        return new DedupMessage(null, match);
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
