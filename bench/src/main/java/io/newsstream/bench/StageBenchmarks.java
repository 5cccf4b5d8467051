package io.newsstream.bench;

import io.newsstream.classify.KeywordClassifier;
import io.newsstream.classify.LabelScore;
import io.newsstream.classify.Taxonomy;
import io.newsstream.dedup.AnchorBuckets;
import io.newsstream.dedup.SignatureBuilder;
import io.newsstream.dedup.Similarity;
import io.newsstream.dedup.SyndicationRule;
import io.newsstream.kafka.AvroSerde;
import io.newsstream.loadtest.Workload;
import io.newsstream.normalize.NormalizedArticle;
import io.newsstream.normalize.TextNormalizer;
import io.newsstream.pipeline.ArticleAnalyzer;
import io.newsstream.schema.AnchorEntry;
import io.newsstream.schema.AnchorProbe;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.RawArticle;
import io.newsstream.schema.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Per-article cost of each stage on one core, for ~3 KB articles: normalise, classify (on a normalised article),
 * fingerprint, the whole analyze step the topology runs per article, and the dedup lookups of one article.
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
    private static final AvroSerde<AnchorEntry> ENTRIES = AvroSerde.of(AnchorEntry.class);
    /** The bench workload's articles (30 % syndicated copies), analysed, for the dedup lookups. */
    private List<EnrichedArticle> stream;
    private List<Signature> streamSignatures;
    /** Anchor entries as the anchor store holds them (encoded), from the first half of {@link #stream}. */
    private final Map<Long, List<byte[]>> anchorStore = new HashMap<>();
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        articles = BenchArticles.generate(ARTICLES, 3000, 42);
        normalized = articles.stream().map(a -> normalizer.normalize(a.getTitle(), a.getBody())).toList();
        classifier = new KeywordClassifier(Taxonomy.builtIn());
        analyzer = new ArticleAnalyzer(classifier, new SignatureBuilder(12, 256), Clock.systemUTC());
        analyzed = articles.stream().map(analyzer::enrich).toList();
        analyzedSignatures = signaturesOf(articles);
        // A bucket as full as an anchor gets (16 articles), from other benchmark articles.
        for (int i = 0; i < BUCKET; i++) {
            RawArticle otherRaw = BenchArticles.generate(1, 3000, 1000 + i).get(0);
            AnchorProbe p = AnchorProbe.newBuilder().setAnchors(List.of(1L)).setArticleId("other-" + i).setClusterId("other-" + i)
                    .setIngestedAt(otherRaw.getIngestedAt()).setExactHash("other-" + i)
                    .setSignature(signatures.describe(normalizer.normalize(otherRaw.getTitle(), otherRaw.getBody()).body()).signature())
                    .build();
            fullBucket.add(buckets.probe(1L, fullBucket, p, otherRaw.getIngestedAt(), otherRaw.getIngestedAt(), i, new HashMap<>(), id -> null).entry());
        }
        Workload workload = new Workload(42, 0.3, 3000);
        List<RawArticle> raw = new ArrayList<>();
        for (int i = 0; i < ARTICLES; i++) {
            raw.add(workload.next(Instant.parse("2026-11-02T10:00:00Z").plusSeconds(i)));
        }
        stream = raw.stream().map(analyzer::enrich).toList();
        streamSignatures = signaturesOf(raw);
        for (int i = 0; i < ARTICLES / 2; i++) {
            lookUp(i, true);
        }
    }

    private List<Signature> signaturesOf(List<RawArticle> raw) {
        return raw.stream().map(a -> signatures.describe(normalizer.normalize(a.getTitle(), a.getBody()).body()).signature())
                .toList();
    }

    /** All of article {@code i}'s anchor lookups, as the anchor partitions run them: decode, compare, encode. */
    private int lookUp(int i, boolean store) {
        EnrichedArticle a = stream.get(i);
        List<Long> anchors = a.getFingerprint().getAnchors();
        AnchorProbe probe = AnchorProbe.newBuilder().setAnchors(anchors).setArticleAnchors(anchors).setArticleId(a.getId())
                .setClusterId(a.getId()).setClusterSince(a.getIngestedAt()).setIngestedAt(a.getIngestedAt())
                .setExactHash(a.getFingerprint().getExactHash()).setSignature(streamSignatures.get(i)).build();
        Map<String, Similarity> compared = new HashMap<>();
        int matches = 0;
        for (long anchor : anchors.stream().sorted().toList()) {
            List<AnchorEntry> entries = anchorStore.getOrDefault(anchor, List.of()).stream().map(ENTRIES::decode).toList();
            AnchorBuckets.Outcome o = buckets.probe(anchor, entries, probe, a.getIngestedAt(), a.getIngestedAt(), i,
                    compared, id -> null);
            matches += o.matches().size();
            if (o.stored()) {
                byte[] written = ENTRIES.encode(o.entry());
                if (store) {
                    anchorStore.computeIfAbsent(anchor, k -> new ArrayList<>()).add(written);
                }
            }
        }
        return matches;
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

    /**
     * Dedup's work for one new article of the bench workload (30 % syndicated copies): every anchor lookup (12),
     * against anchors holding what 256 earlier articles left there — decoding the entries, comparing, encoding the
     * article's own entry. The store and topic I/O around it are not included.
     */
    @Benchmark
    public int dedupArticle() {
        return lookUp(ARTICLES / 2 + nextIndex() % (ARTICLES / 2), false);
    }

    @Benchmark
    public EnrichedArticle analyze() {
        return analyzer.enrich(articles.get(nextIndex()));
    }
}
