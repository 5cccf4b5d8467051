package io.newsstream.bench;

import io.newsstream.classify.KeywordClassifier;
import io.newsstream.classify.LabelScore;
import io.newsstream.classify.Taxonomy;
import io.newsstream.dedup.AnchorBuckets;
import io.newsstream.dedup.SignatureBuilder;
import io.newsstream.dedup.SyndicationRule;
import io.newsstream.schema.AnchorEntry;
import java.util.ArrayList;
import io.newsstream.schema.AnchorProbe;
import io.newsstream.normalize.NormalizedArticle;
import io.newsstream.normalize.TextNormalizer;
import io.newsstream.pipeline.ArticleAnalyzer;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.RawArticle;
import io.newsstream.schema.Signature;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Per-article cost of each stateless stage on one core, for ~3 KB articles: normalise, classify (on a
 * normalised article), fingerprint, and the whole analyze step the topology runs per article.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class StageBenchmarks {

    private static final int ARTICLES = 512;
    private static final int BUCKET = 16;

    private List<RawArticle> articles;
    private List<NormalizedArticle> normalized;
    private final TextNormalizer normalizer = new TextNormalizer();
    private KeywordClassifier classifier;
    private ArticleAnalyzer analyzer;
    private List<EnrichedArticle> analyzed;
    private List<Signature> analyzedSignatures;
    private final AnchorBuckets buckets = new AnchorBuckets(SyndicationRule.DEFAULT, BUCKET);
    private final List<AnchorEntry> fullBucket = new ArrayList<>();
    private final SignatureBuilder signatures = new SignatureBuilder(12, 256);
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        articles = BenchArticles.generate(ARTICLES, 3000, 42);
        normalized = articles.stream().map(a -> normalizer.normalize(a.getTitle(), a.getBody())).toList();
        classifier = new KeywordClassifier(Taxonomy.builtIn());
        analyzer = new ArticleAnalyzer(classifier, new SignatureBuilder(12, 256), Clock.systemUTC());
        analyzed = articles.stream().map(analyzer::enrich).toList();
        analyzedSignatures = articles.stream().map(a -> signatures.describe(normalizer.normalize(a.getTitle(), a.getBody()).body()).signature()).toList();
        // A bucket as full as an anchor gets (16 articles), from other benchmark articles.
        for (int i = 0; i < BUCKET; i++) {
            RawArticle otherRaw = BenchArticles.generate(1, 3000, 1000 + i).get(0);
            AnchorProbe p = AnchorProbe.newBuilder().setAnchors(List.of(1L)).setArticleId("other-" + i).setClusterId("other-" + i)
                    .setIngestedAt(otherRaw.getIngestedAt()).setExactHash("other-" + i)
                    .setSignature(signatures.describe(normalizer.normalize(otherRaw.getTitle(), otherRaw.getBody()).body()).signature())
                    .build();
            fullBucket.add(buckets.probe(1L, fullBucket, p, otherRaw.getIngestedAt(), otherRaw.getIngestedAt(), i, new HashMap<>(), id -> null).entry());
        }
    }

    private int nextIndex() {
        next = (next + 1) % ARTICLES;
        return next;
    }

    @Benchmark
    public NormalizedArticle normalize() {
        RawArticle a = articles.get(nextIndex());
        return normalizer.normalize(a.getTitle(), a.getBody());
    }

    @Benchmark
    public List<LabelScore> classify() {
        return classifier.classify(normalized.get(nextIndex()));
    }

    @Benchmark
    public SignatureBuilder.Result fingerprint() {
        return signatures.describe(normalized.get(nextIndex()).body());
    }

    /** One anchor's work for a probe: compare with a full bucket of earlier articles, then store. */
    @Benchmark
    public AnchorBuckets.Outcome dedupProbe() {
        int i = nextIndex();
        EnrichedArticle a = analyzed.get(i);
        AnchorProbe probe = AnchorProbe.newBuilder().setAnchors(List.of(1L)).setArticleId(a.getId()).setClusterId(a.getId())
                .setIngestedAt(a.getIngestedAt()).setExactHash(a.getFingerprint().getExactHash())
                .setSignature(analyzedSignatures.get(i)).build();
        return buckets.probe(1L, fullBucket, probe, a.getIngestedAt(), a.getIngestedAt(), BUCKET + 1L, new HashMap<>(), id -> null);
    }

    @Benchmark
    public EnrichedArticle analyze() {
        return analyzer.enrich(articles.get(nextIndex()));
    }
}
