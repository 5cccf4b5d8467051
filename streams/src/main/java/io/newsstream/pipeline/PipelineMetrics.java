package io.newsstream.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.TopicScore;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the pipeline counts, as Micrometer meters (exported by Prometheus as {@code newsstream_*}): articles into
 * and out of each stage, labels assigned per label, verdicts (originals and copies), alerts raised, dead letters
 * by error, the story index's size per task, and the end-to-end latency from ingest to the enriched event. Kafka
 * Streams' own metrics are bound beside these by {@link Pipeline}. Counters count attempts: a record processed
 * again after an aborted transaction counts again. Meters are made once (a counter that first appears at 1 would
 * be invisible to a rate), and recording never throws, so counting cannot fail a record. Thread-safe.
 */
public final class PipelineMetrics {

    /** Streams property under which the dead-letter handler, which Kafka builds, finds these meters. */
    static final String CONFIG = "newsstream.metrics";
    private static final List<String> STAGES = List.of("analyze", "story");

    private final MeterRegistry registry;
    private final boolean exported;
    private final Timer latency;
    private final Map<String, Counter> in = new ConcurrentHashMap<>();
    private final Map<String, Counter> out = new ConcurrentHashMap<>();
    private final Map<DedupStatus, Counter> verdicts = new EnumMap<>(DedupStatus.class);
    private final Counter alerts;
    private final Map<String, Counter> labels = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();

    public PipelineMetrics(MeterRegistry registry) {
        this(registry, true);
    }

    private PipelineMetrics(MeterRegistry registry, boolean exported) {
        this.registry = registry;
        this.exported = exported;
        this.latency = Timer.builder("newsstream.end.to.end.latency")
                .description("From acceptance at ingest to the enriched event")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        for (String stage : STAGES) {
            in.put(stage, Counter.builder("newsstream.articles.in").description("Articles into a stage")
                    .tag("stage", stage).register(registry));
            out.put(stage, Counter.builder("newsstream.articles.out").description("Articles out of a stage")
                    .tag("stage", stage).register(registry));
        }
        for (DedupStatus status : DedupStatus.values()) {
            verdicts.put(status, Counter.builder("newsstream.verdicts").description("Articles published, by dedup verdict")
                    .tag("verdict", status.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        this.alerts = Counter.builder("newsstream.alerts").description("Alerts raised").register(registry);
    }

    /** Meters that go nowhere: for runs nobody scrapes. */
    public static PipelineMetrics none() {
        return new PipelineMetrics(new CompositeMeterRegistry(), false);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Whether anyone reads these meters: Kafka Streams' metrics are bound only then. */
    boolean exported() {
        return exported;
    }

    /** The taxonomy's labels, each counted from zero before the first article carries it. */
    void expectLabels(List<String> names) {
        names.forEach(this::label);
    }

    /** An article arrived at a stage ("analyze", "story"); one that fails there goes to the dead letters instead of out. */
    void received(String stage) {
        in.get(stage).increment();
    }

    /** One article through the analysis stage, with the labels it was given. */
    void analyzed(EnrichedArticle article) {
        out.get("analyze").increment();
        for (TopicScore topic : article.getTopics()) {
            label(topic.getLabel()).increment();
        }
    }

    /**
     * One article decided by the story stage and published enriched, with the alerts it raised. A latency below
     * zero (the ingest host's clock ahead of this one) counts as zero rather than being dropped.
     */
    void decided(EnrichedArticle article, int raised, Instant now) {
        out.get("story").increment();
        if (article.getDedup() != null) {
            verdicts.get(article.getDedup().getStatus()).increment();
        }
        alerts.increment(raised);
        Duration age = Duration.between(article.getIngestedAt(), now);
        latency.record(age.isNegative() ? Duration.ZERO : age);
    }

    /** A record sent to the dead-letter topic, by the error that sent it there. */
    void deadLettered(Throwable error) {
        deadLetters.computeIfAbsent(error.getClass().getSimpleName(), name -> Counter.builder("newsstream.dead.letters")
                .description("Records sent to the dead-letter topic, by error").tag("error", name).register(registry))
                .increment();
    }

    /**
     * Gauges of one story task's anchor index (articles, estimated heap), tagged by task; the task sets them when it
     * measures its index and removes them when it closes.
     */
    IndexGauges storyIndex(String task) {
        AtomicLong articles = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        List<Meter> meters = List.of(
                Gauge.builder("newsstream.story.index.articles", articles, AtomicLong::get)
                        .description("Articles in the story stage's anchor index").tag("task", task).register(registry),
                Gauge.builder("newsstream.story.index.bytes", bytes, AtomicLong::get).baseUnit("bytes")
                        .description("Estimated heap of the story stage's anchor index").tag("task", task).register(registry));
        return new IndexGauges(articles, bytes, () -> meters.forEach(registry::remove));
    }

    /** A story task's index gauges. */
    record IndexGauges(AtomicLong articles, AtomicLong bytes, Runnable remove) {
    }

    private Counter label(String name) {
        return labels.computeIfAbsent(name, l -> Counter.builder("newsstream.labels").description("Labels assigned, by label")
                .tag("label", l).register(registry));
    }
}
