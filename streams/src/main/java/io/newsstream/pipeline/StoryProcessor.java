package io.newsstream.pipeline;

import io.newsstream.dedup.StoryClusters;
import io.newsstream.dedup.StoryDesk;
import io.newsstream.kafka.AvroSerde;
import io.newsstream.kafka.RetentionCutoff;
import io.newsstream.schema.AnalyzedArticle;
import io.newsstream.schema.IndexedArticle;
import io.newsstream.schema.StoryState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The story stage: one task per story shard, articles in partition order. Input: {@link AnalyzedArticle} keyed by
 * article id (repartition story-by-shard). Output: one {@link StoryOutput} per article — the article with its
 * verdict, its story's record and the alerts its story has not raised yet — keyed by article id.
 *
 * <p>Owns the stores {@value #ARTICLES} (article id → {@link IndexedArticle}, one per retained article) and
 * {@value #STORIES} (cluster id → {@link StoryState}, one per story), both logged. The anchor index is derived:
 * rebuilt from {@value #ARTICLES} in {@link #init} whenever the task starts, restarts or moves. Both stores are
 * evicted by event time, articles after the retention since publication, stories after it since their last member.
 * A replayed article id gets its stored verdict, stays in its story and raises no alert again.
 */
final class StoryProcessor implements Processor<String, AnalyzedArticle, String, StoryOutput> {

    static final String ARTICLES = "story-article-store";
    static final String STORIES = "story-state-store";
    private static final Logger LOG = LoggerFactory.getLogger(StoryProcessor.class);
    /** How often the index's size is reported: a gauge read by people and bench, not worth a record per article. */
    private static final Duration METRICS_INTERVAL = Duration.ofSeconds(1);

    private final Supplier<StoryDesk> newDesk;
    private final StoryClusters clusters;
    private final Duration retention;
    private final Duration evictionInterval;
    private final PipelineMetrics metrics;
    private ProcessorContext<String, StoryOutput> context;
    private KeyValueStore<String, IndexedArticle> articles;
    private KeyValueStore<String, StoryState> stories;
    private StoryDesk desk;
    private StoryStage stage;
    private StoryStage.Records<IndexedArticle> articleRecords;
    private StoryStage.Records<StoryState> storyRecords;
    private Sensor indexArticles;
    private Sensor indexBytes;
    private PipelineMetrics.IndexGauges indexGauges;
    /** Arrival order when a record has no offset (never in a running application). */
    private long sequence;

    StoryProcessor(Supplier<StoryDesk> newDesk, StoryClusters clusters, Duration retention, Duration evictionInterval,
                   PipelineMetrics metrics) {
        this.newDesk = newDesk;
        this.clusters = clusters;
        this.retention = retention;
        this.evictionInterval = evictionInterval;
        this.metrics = metrics;
    }

    /** The processor with the stores it owns. */
    static ProcessorSupplier<String, AnalyzedArticle, String, StoryOutput> supplier(Supplier<StoryDesk> newDesk,
            StoryClusters clusters, Duration retention, Duration evictionInterval, PipelineMetrics metrics) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, AnalyzedArticle, String, StoryOutput> get() {
                return new StoryProcessor(newDesk, clusters, retention, evictionInterval, metrics);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ARTICLES), Serdes.String(),
                                AvroSerde.of(IndexedArticle.class)),
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORIES), Serdes.String(),
                                AvroSerde.of(StoryState.class)));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, StoryOutput> context) {
        this.context = context;
        this.articles = context.getStateStore(ARTICLES);
        this.stories = context.getStateStore(STORIES);
        this.desk = newDesk.get();
        this.stage = new StoryStage(desk, clusters);
        this.articleRecords = StoryStage.Records.of(articles::get, articles::put);
        this.storyRecords = StoryStage.Records.of(stories::get, stories::put);
        long started = System.nanoTime();
        try (KeyValueIterator<String, IndexedArticle> all = articles.all()) {
            all.forEachRemaining(kv -> desk.restore(kv.value));
        }
        LOG.info("Story task {}: anchor index rebuilt from {} retained articles in {} ms", context.taskId(), desk.size(),
                (System.nanoTime() - started) / 1_000_000);
        indexArticles = gauge("story-index-articles", "Articles in the story stage's anchor index");
        indexBytes = gauge("story-index-bytes", "Estimated heap the story stage's anchor index takes");
        indexGauges = metrics.storyIndex(context.taskId().toString());
        recordIndexSize();
        context.schedule(evictionInterval, PunctuationType.WALL_CLOCK_TIME, now -> evictExpired());
        context.schedule(METRICS_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> recordIndexSize());
    }

    @Override
    public void process(Record<String, AnalyzedArticle> record) {
        metrics.received("story");
        long arrival = context.recordMetadata().map(RecordMetadata::offset).orElseGet(() -> sequence++);
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        StoryOutput out = stage.process(record.value(), arrival, now, articleRecords, storyRecords);
        context.forward(record.withValue(out));
        metrics.decided(out.article(), out.alerts().size(), now);
    }

    private void evictExpired() {
        OptionalLong expiry = RetentionCutoff.of(context, retention);
        if (expiry.isEmpty()) {
            return;
        }
        long cutoff = expiry.getAsLong();
        desk.evictBefore(cutoff).forEach(articles::delete);
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, StoryState> all = stories.all()) {
            all.forEachRemaining(kv -> {
                if (kv.value.getStory().getUpdatedAt().toEpochMilli() < cutoff) {
                    expired.add(kv.key);
                }
            });
        }
        expired.forEach(stories::delete);
        recordIndexSize();
    }

    @Override
    public void close() {
        context.metrics().removeSensor(indexArticles);
        context.metrics().removeSensor(indexBytes);
        indexGauges.remove().run();
    }

    private void recordIndexSize() {
        long size = desk.size();
        long heap = desk.heapBytes();
        indexArticles.record(size);
        indexBytes.record(heap);
        indexGauges.articles().set(size);
        indexGauges.bytes().set(heap);
    }

    private Sensor gauge(String name, String description) {
        Map<String, String> tags = Map.of("thread-id", Thread.currentThread().getName(), "task-id", context.taskId().toString());
        Sensor sensor = context.metrics().addSensor(name + "-" + context.taskId(), Sensor.RecordingLevel.INFO);
        sensor.add(new MetricName(name, "newsstream-story-metrics", description, tags), new Value());
        return sensor;
    }
}
