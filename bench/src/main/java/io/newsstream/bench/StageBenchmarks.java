package io.newsstream.bench;

import io.newsstream.classify.ContextModel;
import io.newsstream.classify.KeywordClassifier;
import io.newsstream.classify.LabelScore;
import io.newsstream.classify.LearnedClassifier;
import io.newsstream.classify.MiniLmEncoder;
import io.newsstream.classify.SentenceEncoder;
import io.newsstream.classify.Taxonomy;
import io.newsstream.classify.TopicClassifier;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.dedup.SignatureBuilder;
import io.newsstream.enrich.Enricher;
import io.newsstream.enrich.Enrichment;
import io.newsstream.enrich.EntityExtractor;
import io.newsstream.enrich.LanguageIdentifier;
import io.newsstream.enrich.NamedEntity;
import io.newsstream.normalize.CanonicalTokens;
import io.newsstream.normalize.NormalizedArticle;
import io.newsstream.normalize.TextNormalizer;
import io.newsstream.normalize.Token;
import io.newsstream.pipeline.ArticleAnalyzer;
import io.newsstream.pipeline.Pipeline;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.RawArticle;
import java.time.Clock;
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
 * Per-article cost of each step of the analysis stage on one core, for ~3 KB articles: normalise, classify (on a
 * normalised article: as configured by default, on the fast path alone, and the slow path's sentence encoding of one
 * lede), fingerprint, and the whole analyze step the topology runs per article. The story stage has its own benchmark
 * ({@link StoryStageBenchmark}). An encoding runs on the calling thread, but pin the run to one core
 * ({@code taskset -c 0}) for a one-core figure all the same: JMH's own threads and the JIT share the machine.
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

    private List<RawArticle> articles;
    private List<NormalizedArticle> normalized;
    private final TextNormalizer normalizer = new TextNormalizer();
    private final SignatureBuilder signatures = Pipeline.signatures(NewsstreamConfig.defaultConfig());
    private List<List<Token>> tokens;
    private KeywordClassifier rules;
    private TopicClassifier classifier;
    private LearnedClassifier fastPath;
    private SentenceEncoder encoder;
    private List<String> ledes;
    private ArticleAnalyzer analyzer;
    private final Enricher enricher = new Enricher();
    private final EntityExtractor entities = new EntityExtractor();
    private final LanguageIdentifier languages = LanguageIdentifier.shared();
    private List<List<String>> titleWords;
    private List<List<String>> bodyWords;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        articles = BenchArticles.generate(ARTICLES, 3000, 42);
        normalized = articles.stream().map(a -> normalizer.normalize(a.getTitle(), a.getBody())).toList();
        tokens = normalized.stream().map(n -> CanonicalTokens.withOffsets(n.fullText())).toList();
        rules = new KeywordClassifier(Taxonomy.builtIn());
        classifier = Pipeline.classifier(NewsstreamConfig.defaultConfig(), Taxonomy.builtIn());
        fastPath = new LearnedClassifier(rules, LearnedClassifier.builtInModel());
        encoder = MiniLmEncoder.shared();
        int ledeTokens = LearnedClassifier.builtInModel().context().orElseThrow().ledeTokens();
        ledes = normalized.stream().map(n -> n.fullText().substring(0,
                ContextModel.ledeEnd(CanonicalTokens.withOffsets(n.fullText()), n.title().length(), ledeTokens))).toList();
        analyzer = new ArticleAnalyzer(classifier, signatures, Clock.systemUTC());
        titleWords = normalized.stream().map(n -> CanonicalTokens.of(n.title())).toList();
        bodyWords = normalized.stream().map(n -> CanonicalTokens.of(n.body())).toList();
        // Printed on purpose: the share of these articles on the slow path explains the classify figure.
        if (Pipeline.classifier(NewsstreamConfig.defaultConfig(), Taxonomy.builtIn()) instanceof LearnedClassifier counted) {
            for (int i = 0; i < ARTICLES; i++) {
                counted.classify(normalized.get(i), tokens.get(i));
            }
            System.out.printf("%nslow path: %d of %d generated articles%n", counted.pathCounts().slowPath(), ARTICLES);
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

    /** The pipeline's classifier (the built-in learned model, which reads the rules' scores too), tokens given. */
    @Benchmark
    public List<LabelScore> classify() {
        int i = nextIndex();
        return classifier.classify(normalized.get(i), tokens.get(i));
    }

    /** The built-in learned model's fast path alone (the linear model), tokens given. */
    @Benchmark
    public List<LabelScore> classifyFastPath() {
        int i = nextIndex();
        return fastPath.classify(normalized.get(i), tokens.get(i));
    }

    /** What the slow path adds for an article that takes it: the sentence encoder reading its lede. */
    @Benchmark
    public float[] encodeLede() {
        return encoder.encode(ledes.get(nextIndex()));
    }

    /** The taxonomy's keyword rules alone, tokens given. */
    @Benchmark
    public List<LabelScore> classifyRules() {
        int i = nextIndex();
        return rules.classify(normalized.get(i), tokens.get(i));
    }

    @Benchmark
    public SignatureBuilder.Result fingerprint() {
        return signatures.describe(normalized.get(nextIndex()).body());
    }

    /** Enrichment as the analysis runs it: keywords, reading time, dateline and entities, tokens given. */
    @Benchmark
    public Enrichment enrich() {
        int i = nextIndex();
        NormalizedArticle n = normalized.get(i);
        return enricher.enrich(n.body(), n.dateline(), titleWords.get(i), bodyWords.get(i));
    }

    /** The entity extractor alone: the costly part of enrichment. */
    @Benchmark
    public List<NamedEntity> extractEntities() {
        return entities.extract(normalized.get(nextIndex()).body(), 0);
    }

    /** Language detection, which the analysis runs for articles that arrive without a language. */
    @Benchmark
    public String identifyLanguage() {
        return languages.identify(normalized.get(nextIndex()).body());
    }

    /** The whole analysis; the generated articles carry their language, so detection is not in this figure. */
    @Benchmark
    public EnrichedArticle analyze() {
        return analyzer.enrich(articles.get(nextIndex()));
    }
}
