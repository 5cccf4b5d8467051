package io.newsstream.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.TopicScore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the pipeline counts, as Micrometer meters (exported by Prometheus as {@code newsstream_*}): articles into
 * and out of each stage, labels assigned per label, verdicts (originals and copies), alerts raised, dead letters
 * by error, the story index's size per task, and the end-to-end latency from ingest to the enriched event. Kafka
 * Streams' own metrics are bound beside these by {@link Pipeline}. Thread-safe.
 */
public final class PipelineMetrics {

    /** Streams property under which the dead-letter handler, which Kafka builds, finds these meters. */
    static final String CONFIG = "newsstream.metrics";

    private final MeterRegistry registry;
    private final Timer latency;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("newsstream.end.to.end.latency")
                .description("From acceptance at ingest to the enriched event")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
    }

    /** Meters that go nowhere: for runs nobody scrapes. */
    public static PipelineMetrics none() {
        return new PipelineMetrics(new CompositeMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** An article arrived at a stage ("analyze", "story"); one that fails there goes to the dead letters instead of out. */
    void received(String stage) {
        Counter.builder("newsstream.articles.in").description("Articles into a stage").tag("stage", stage)
                .register(registry).increment();
    }

    /** One article through the analysis stage, with the labels it was given. */
    void analyzed(EnrichedArticle article) {
        sent("analyze");
        for (TopicScore topic : article.getTopics()) {
            Counter.builder("newsstream.labels").description("Labels assigned, by label").tag("label", topic.getLabel())
                    .register(registry).increment();
        }
    }

    /** One article decided by the story stage and published enriched, with the alerts it raised. */
    void decided(EnrichedArticle article, int alerts, Instant now) {
        sent("story");
        Counter.builder("newsstream.verdicts").description("Articles published, by dedup verdict")
                .tag("verdict", article.getDedup().getStatus().name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
        Counter.builder("newsstream.alerts").description("Alerts raised").register(registry).increment(alerts);
        latency.record(Duration.between(article.getIngestedAt(), now));
    }

    /** A record sent to the dead-letter topic, by the error that sent it there. */
    void deadLettered(Throwable error) {
        Counter.builder("newsstream.dead.letters").description("Records sent to the dead-letter topic, by error")
                .tag("error", error.getClass().getSimpleName()).register(registry).increment();
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

    private void sent(String stage) {
        Counter.builder("newsstream.articles.out").description("Articles out of a stage").tag("stage", stage)
                .register(registry).increment();
    }
}
