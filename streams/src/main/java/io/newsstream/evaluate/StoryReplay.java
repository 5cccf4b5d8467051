package io.newsstream.evaluate;

import io.newsstream.config.NewsstreamConfig;
import io.newsstream.dedup.StoryClusters;
import io.newsstream.dedup.StoryDesk;
import io.newsstream.dedup.SyndicationRule;
import io.newsstream.pipeline.StoryStage;
import io.newsstream.schema.AnalyzedArticle;
import io.newsstream.schema.IndexedArticle;
import io.newsstream.schema.StoryState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One story stage deciding analysed articles in the order given, without Kafka, its stores kept in maps: how the
 * dedup study and the corpus tests see verdicts exactly as one shard of the pipeline would give them.
 */
public final class StoryReplay {

    private final StoryDesk desk;
    private final StoryStage stage;
    private final Map<String, IndexedArticle> articles = new HashMap<>();
    private final Map<String, StoryState> stories = new HashMap<>();
    private final StoryStage.Records<IndexedArticle> articleRecords = StoryStage.Records.of(articles::get, articles::put);
    private final StoryStage.Records<StoryState> storyRecords = StoryStage.Records.of(stories::get, stories::put);
    private long arrival;

    public StoryReplay(NewsstreamConfig config, SyndicationRule rule) {
        this.desk = new StoryDesk(rule, config.dedupAnchorCapacity(), config.dedupMaxCandidates());
        this.stage = new StoryStage(desk, new StoryClusters(config.storyMaxMembers()));
    }

    /** The story (cluster id) of each article, in order. */
    public List<String> clusters(List<AnalyzedArticle> analyzed, Instant now) {
        List<String> clusters = new ArrayList<>(analyzed.size());
        for (AnalyzedArticle a : analyzed) {
            clusters.add(stage.process(a, arrival++, now, articleRecords, storyRecords).article().getDedup().getClusterId());
        }
        return clusters;
    }

    /** Heap the anchor index takes. */
    public long indexHeapBytes() {
        return desk.heapBytes();
    }
}
