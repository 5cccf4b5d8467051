package io.newsstream.bench;

import io.newsstream.classify.KeywordClassifier;
import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.dedup.StoryClusters;
import io.newsstream.dedup.StoryDesk;
import io.newsstream.dedup.SyndicationRule;
import io.newsstream.kafka.AvroSerde;
import io.newsstream.loadtest.Workload;
import io.newsstream.pipeline.ArticleAnalyzer;
import io.newsstream.pipeline.Pipeline;
import io.newsstream.pipeline.StoryOutput;
import io.newsstream.pipeline.StoryStage;
import io.newsstream.schema.AnalyzedArticle;
import io.newsstream.schema.IndexedArticle;
import io.newsstream.schema.StoryState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The story stage's work per article on one core — anchor lookup, candidate verification, verdict, story record,
 * once-per-story alerts — with the arriving record decoded and the stores' records encoded and decoded as Kafka
 * Streams does (Avro), on the bench workload
 * (~3 KB articles, 30 % syndicated copies). Each iteration starts from {@value #RETAINED} articles already indexed
 * and decides the next {@value #BATCH} in order, as one story task would. RocksDB itself and the Kafka I/O around
 * the task are not included: `newsstream bench` measures the whole pipeline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, batchSize = StoryStageBenchmark.BATCH)
@Measurement(iterations = 5, batchSize = StoryStageBenchmark.BATCH)
@Fork(1)
@Threads(1)
public class StoryStageBenchmark {

    static final int RETAINED = 10_000;
    static final int BATCH = 5_000;
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final AvroSerde<IndexedArticle> ARTICLES = AvroSerde.of(IndexedArticle.class);
    private static final AvroSerde<StoryState> STORIES = AvroSerde.of(StoryState.class);
    private static final AvroSerde<AnalyzedArticle> ANALYZED = AvroSerde.of(AnalyzedArticle.class);

    private final NewsstreamConfig config = NewsstreamConfig.defaultConfig();
    /** The articles as they cross the repartition (encoded), in shard order. */
    private final List<byte[]> arriving = new ArrayList<>();
    private StoryStage stage;
    private Map<String, byte[]> articleStore;
    private Map<String, byte[]> storyStore;
    private int next;

    @Setup(Level.Trial)
    public void analyse() {
        Workload workload = new Workload(42, 0.3, 3000);
        ArticleAnalyzer analyzer = new ArticleAnalyzer(new KeywordClassifier(Taxonomy.builtIn()), Pipeline.signatures(config),
                Clock.systemUTC());
        for (int i = 0; i < RETAINED + BATCH; i++) {
            arriving.add(ANALYZED.encode(analyzer.analyze(workload.next(T0.plusSeconds(i)))));
        }
    }

    @Setup(Level.Iteration)
    public void indexRetained() {
        stage = new StoryStage(new StoryDesk(SyndicationRule.DEFAULT, config.dedupAnchorCapacity(), config.dedupMaxCandidates()),
                new StoryClusters(config.storyMaxMembers()));
        articleStore = new HashMap<>();
        storyStore = new HashMap<>();
        for (next = 0; next < RETAINED; ) {
            decideNext();
        }
    }

    @Benchmark
    public StoryOutput decideNext() {
        int i = next++;
        return stage.process(ANALYZED.decode(arriving.get(i)), i, T0.plusSeconds(i), encoded(articleStore, ARTICLES),
                encoded(storyStore, STORIES));
    }

    private static <V extends SpecificRecord> StoryStage.Records<V> encoded(Map<String, byte[]> store, AvroSerde<V> serde) {
        return StoryStage.Records.of(key -> {
            byte[] bytes = store.get(key);
            return bytes == null ? null : serde.decode(bytes);
        }, (key, value) -> store.put(key, serde.encode(value)));
    }
}
