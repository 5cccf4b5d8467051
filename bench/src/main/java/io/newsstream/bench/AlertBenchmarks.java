package io.newsstream.bench;

import io.newsstream.alert.AlertDocument;
import io.newsstream.alert.AlertMatcher;
import io.newsstream.alert.SubscriptionIndex;
import io.newsstream.alert.SubscriptionRegistry;
import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.loadtest.SubscriptionWorkload;
import io.newsstream.loadtest.Workload;
import io.newsstream.pipeline.ArticleAnalyzer;
import io.newsstream.pipeline.Pipeline;
import io.newsstream.schema.Alert;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.DedupVerdict;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.MatchMethod;
import io.newsstream.schema.RawArticle;
import io.newsstream.schema.TopicScore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Alert matching per ~3 KB article on one core, as the subscriptions grow: tokenising the article, finding the
 * candidate subscriptions, verifying them and building the alerts. The cost should stay flat in the number of
 * subscriptions (see README, "Alerts").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class AlertBenchmarks {

    private static final int ARTICLES = 512;
    private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

    @Param({"100", "1000", "10000"})
    public int subscriptions;

    /**
     * The articles: {@code paragraphs} are assembled from the real paragraphs of the sample articles (words as
     * frequent as in news: most are rare); {@code random-words} draw every word uniformly from the samples'
     * vocabulary, so each occurs in about half the articles — the dense worst case for candidate lookup.
     */
    @Param({"paragraphs", "random-words"})
    public String text;

    private final List<EnrichedArticle> articles = new ArrayList<>();
    private SubscriptionIndex index;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SubscriptionRegistry registry = new SubscriptionRegistry();
        SubscriptionWorkload.generate(subscriptions, 7).forEach(registry::put);
        index = registry.index();
        Workload workload = new Workload(42, 0.0, 3000);
        ArticleAnalyzer analyzer = new ArticleAnalyzer(Pipeline.classifier(NewsstreamConfig.defaultConfig(), Taxonomy.builtIn()), Pipeline.signatures(NewsstreamConfig.defaultConfig()),
                Clock.systemUTC());
        List<RawArticle> fromParagraphs = BenchArticles.generate(ARTICLES, 3000, 42);
        for (int i = 0; i < ARTICLES; i++) {
            RawArticle raw = text.equals("paragraphs") ? fromParagraphs.get(i) : workload.next(NOW);
            // Classified as the pipeline does: topic filters (topic:cartels) then find candidates as they do there.
            articles.add(EnrichedArticle.newBuilder(analyzer.enrich(raw))
                    .setDedup(DedupVerdict.newBuilder().setStatus(DedupStatus.ORIGINAL).setClusterId(raw.getId())
                            .setCanonicalId(raw.getId()).setSimilarity(1.0).setMethod(MatchMethod.NONE).setStoryFirstSeen(NOW).build())
                    .build());
        }
    }

    /** Everything the pipeline does per article: tokenise, find and verify candidates, build each alert and snippet. */
    @Benchmark
    public List<Alert> match() {
        next = (next + 1) % ARTICLES;
        EnrichedArticle a = articles.get(next);
        return AlertMatcher.raise(a, AlertMatcher.candidatesFor(a, index), NOW);
    }

    /** Only deciding which subscriptions match (tokenising included), without building the alerts. */
    @Benchmark
    public List<SubscriptionIndex.Hit> findMatches() {
        next = (next + 1) % ARTICLES;
        EnrichedArticle a = articles.get(next);
        Set<String> labels = a.getTopics().stream().map(TopicScore::getLabel).collect(Collectors.toSet());
        return index.match(AlertDocument.of(a.getTitle() + "\n\n" + a.getBody(), labels, a.getSource(), Set.of()));
    }
}
