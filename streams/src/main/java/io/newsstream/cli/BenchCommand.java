package io.newsstream.cli;

import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.TopicProvisioner;
import io.newsstream.kafka.Topics;
import io.newsstream.loadtest.BenchRun;
import io.newsstream.loadtest.DedupState;
import io.newsstream.loadtest.Measurement;
import io.newsstream.loadtest.SubscriptionWorkload;
import io.newsstream.loadtest.Workload;
import io.newsstream.pipeline.Pipeline;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.RawArticle;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code newsstream bench}: the full pipeline against a plain pass-through Kafka Streams app, same broker, same
 * workload, same serdes, exactly-once for both, in one run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the full pipeline against a pass-through Kafka Streams topology (raw in, same record out, "
            + "same serdes, exactly-once) on the same generated workload: throughput over a batch processed start to finish after a warm-up, then, "
            + "once that has drained, latency at a fixed offered rate; peak heap; and for the pipeline how many of "
            + "the workload's copies it put in their original's story and its dedup state per article. Without "
            + "--bootstrap-servers it runs on an embedded broker.",
            "The last line is: bench: pipeline=<articles/s> passthrough=<articles/s> ratio=<r> p99_ms=<ms> "
                + "records_per_article=<n> state_bytes_per_article=<b>"})
final class BenchCommand implements Callable<Integer> {

    /** Workload articles classified to report the classifier's slow-path share. */
    private static final int SLOW_PATH_SAMPLE = 1000;

    @Option(names = "--articles", defaultValue = "50000", description = "Articles in the measured batch, written at once after the warm-up (default: ${DEFAULT-VALUE}).")
    int articles;

    @Option(names = "--warmup", defaultValue = "20000", description = "Articles processed before the throughput is measured, "
            + "so that the JIT has compiled the hot paths (the full pipeline needs about 90 s here) (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rate", defaultValue = "500", description = "Offered rate for the latency phase, articles/s (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "20s", description = "Length of the latency phase (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--copy-share", defaultValue = "0.3", description = "Share of syndicated copies (default: ${DEFAULT-VALUE}).")
    double copyShare;

    @Option(names = "--subscriptions", defaultValue = "1000", description = "Alert subscriptions active in the pipeline (default: ${DEFAULT-VALUE}).")
    int subscriptions;

    @Option(names = "--bootstrap-servers", description = "Use this Kafka cluster instead of an embedded broker.")
    String bootstrapServers;

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        NewsstreamConfig base = options.build(bootstrapServers);
        Duration latencyPhase = NewsstreamConfig.parseDurationText("--duration", duration);
        PrintWriter out = spec.commandLine().getOut();
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (KafkaTarget kafka = KafkaTarget.open(base)) {
            NewsstreamConfig config = kafka.withRunState(base);
            Workload workload = new Workload(42, copyShare, 3000);
            List<RawArticle> backlog = new ArrayList<>(warmup + articles);
            Instant t0 = Instant.now().minusSeconds(warmup + articles);
            for (int i = 0; i < warmup + articles; i++) {
                backlog.add(workload.next(t0.plusMillis(i)));
            }
            Backlog batches = new Backlog(backlog.subList(0, warmup), backlog.subList(warmup, backlog.size()));
            out.printf(Locale.ROOT, "bench: %d articles after %d of warm-up (~3 KB, %.0f%% copies), latency at %d/s for %s, %s%n",
                    articles, warmup, copyShare * 100, rate, latencyPhase,
                    kafka.embedded() ? "embedded broker" : config.bootstrapServers().orElseThrow());
            // The first articles of the workload (warm-up ones): the generator draws all of them alike.
            List<RawArticle> sample = backlog.subList(0, Math.min(SLOW_PATH_SAMPLE, backlog.size()));
            SlowPathShare.of(config, Taxonomy.load(config.taxonomyFile()), sample).ifPresent(c -> out.printf(Locale.ROOT,
                    "bench: the classifier's slow path reads %.1f %% of the workload's articles (of the first %d; "
                    + "--set classifier.context=false for the fast path alone)%n", 100 * c.slowShare(), c.articles()));
            out.flush();
            Measurement passthrough = passThrough(config, kafka.clients(), run, batches, workload, latencyPhase);
            report(out, "passthrough", passthrough);
            Measurement pipeline = pipeline(config, kafka.clients(), run, batches, workload, latencyPhase);
            report(out, "pipeline", pipeline);
            out.printf(Locale.ROOT, "bench: pipeline=%.0f passthrough=%.0f ratio=%.3f p99_ms=%.0f records_per_article=%.1f "
                    + "state_bytes_per_article=%.0f%n", pipeline.articlesPerSecond(), passthrough.articlesPerSecond(),
                    pipeline.articlesPerSecond() / passthrough.articlesPerSecond(), pipeline.latencyP99Ms(),
                    pipeline.dedupState().recordsPerArticle(), pipeline.dedupState().bytesPerArticle());
            out.flush();
        }
        return 0;
    }

    /** The articles written before measuring, and the batch whose throughput is measured. */
    private record Backlog(List<RawArticle> warmup, List<RawArticle> measured) {
    }

    private Measurement passThrough(NewsstreamConfig config, KafkaClients clients, String run, Backlog backlog,
                                    Workload workload, Duration latencyPhase) throws Exception {
        NewsstreamConfig pt = config.with(Map.of("application.id", "bench-passthrough-" + run,
                "topic.raw", "bench." + run + ".passthrough.in", "topic.enriched", "bench." + run + ".passthrough.out"));
        Topics topics = new Topics(pt.topics());
        TopicProvisioner.ensureTopics(clients, topics.specs(List.of(topics.raw().name(), topics.enriched().name()),
                pt.rawRetention()), pt.partitions(), pt.replicationFactor());
        BenchRun bench = new BenchRun(clients, topics.raw(), topics.enriched().name());
        Properties props = Pipeline.streamsProperties(pt, clients);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.raw().name(), topics.raw().consumed("passthrough-source"))
                // The same record out, with the same serdes: the raw topic's.
                .to(topics.enriched().name(), topics.raw().produced("passthrough-sink"));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            return measure(bench, backlog, pt.applicationId(), new BenchRun.Processing(streams::pause, streams::resume), workload,
                    latencyPhase, null, null, null);
        }
    }

    private Measurement pipeline(NewsstreamConfig config, KafkaClients clients, String run, Backlog backlog,
                                 Workload workload, Duration latencyPhase) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("application.id", "bench-pipeline-" + run,
                "topic.label-pattern", "bench." + run + ".topic.%s"));
        for (String topic : List.of("raw", "enriched", "dlq", "stories", "subscriptions", "alerts")) {
            settings.put("topic." + topic, "bench." + run + "." + topic);
        }
        NewsstreamConfig pl = config.with(settings);
        Topics topics = new Topics(pl.topics());
        Taxonomy taxonomy = Taxonomy.load(pl.taxonomyFile());
        TopicProvisioner.ensureTopics(clients, topics.specs(topics.allNames(taxonomy.labelNames()), pl.rawRetention()),
                pl.partitions(), pl.replicationFactor());
        new SubscriptionTopic(pl, clients).write(SubscriptionWorkload.generate(subscriptions, 7));
        BenchRun bench = new BenchRun(clients, topics.raw(), topics.enriched().name());
        try (Pipeline pipeline = Pipeline.start(pl, clients, taxonomy)) {
            Deserializer<EnrichedArticle> enriched = topics.enriched().valueSerde().deserializer();
            BenchRun.StoryCheck stories = new BenchRun.StoryCheck(workload::storyOf,
                    bytes -> enriched.deserialize(topics.enriched().name(), bytes).getDedup().getClusterId());
            Measurement m = measure(bench, backlog, pl.applicationId(), new BenchRun.Processing(pipeline::pause, pipeline::resume), workload,
                    latencyPhase, stories, topics.alerts().name(),
                    bytes -> topics.alerts().valueSerde().deserializer().deserialize(topics.alerts().name(), bytes).getArticleId());
            List<String> stores = Pipeline.STORY_STORES;
            long stateBytes = bench.bytesOnDisk(stores.stream().map(s -> pl.applicationId() + "-" + s + "-changelog").toList());
            long articles = bench.articlesGiven();
            // Every record the pipeline's producers sent (outputs, repartition, changelogs) but the alerts themselves.
            long written = (long) sum(pipeline.metrics(), "producer-metrics", "record-send-total")
                    - bench.committedRecords(topics.alerts().name());
            double indexBytes = sum(pipeline.metrics(), "newsstream-story-metrics", "story-index-bytes");
            double indexArticles = sum(pipeline.metrics(), "newsstream-story-metrics", "story-index-articles");
            return m.withDedupState(new DedupState(stateBytes, articles, stores, (double) written / articles,
                    indexArticles == 0 ? Double.NaN : indexBytes / indexArticles));
        }
    }

    private Measurement measure(BenchRun bench, Backlog backlog, String applicationId, BenchRun.Processing processing,
                                Workload workload, Duration latencyPhase, BenchRun.StoryCheck stories, String alerts,
                                Function<byte[], String> alertArticleId) throws Exception {
        BenchRun.Throughput throughput = bench.throughput(backlog.warmup(), backlog.measured(), applicationId, processing, stories);
        bench.drain(applicationId);
        BenchRun.Latencies latencies = bench.latencies(workload::next, rate, latencyPhase,
                id -> !workload.storyOf(id).equals(id), alerts, alertArticleId);
        return new Measurement(throughput.articlesPerSecond(), Measurement.quantile(latencies.output(), 0.5),
                Measurement.quantile(latencies.output(), 0.99), Measurement.quantile(latencies.copies(), 0.5),
                Measurement.quantile(latencies.copies(), 0.99), bench.peakHeapMb(),
                Measurement.quantile(latencies.alert(), 0.5), Measurement.quantile(latencies.alert(), 0.99), throughput.stories(),
                latencies.notOut(), null);
    }

    /** The sum of a metric over every client and task of the instance that reports it. */
    private static double sum(Map<MetricName, ? extends Metric> metrics, String group, String name) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().group().equals(group) && e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    private static void report(PrintWriter out, String what, Measurement m) {
        out.printf(Locale.ROOT, "%-12s %8.0f articles/s   latency p50 %6.0f ms  p99 %6.0f ms   peak heap %d MB%s%n", what,
                m.articlesPerSecond(), m.latencyP50Ms(), m.latencyP99Ms(), m.peakHeapMb(),
                Double.isNaN(m.alertP99Ms()) ? "" : String.format(Locale.ROOT, "   ingest→alert p50 %.0f ms  p99 %.0f ms",
                        m.alertP50Ms(), m.alertP99Ms()));
        if (m.notOut() > 0) {
            out.printf(Locale.ROOT, "%-12s %d articles of the latency phase never came out: counted at their wait so far, "
                    + "so the latency figures are lower bounds%n", "", m.notOut());
        }
        if (m.stories() != null) {
            out.printf(Locale.ROOT, "%-12s latency of the copies alone p50 %.0f ms  p99 %.0f ms%n",
                    "", m.copyP50Ms(), m.copyP99Ms());
            out.printf(Locale.ROOT, "%-12s %s%n", "", m.stories());
        }
        if (m.dedupState() != null) {
            out.printf(Locale.ROOT, "%-12s %s%n", "", m.dedupState());
        }
        out.flush();
    }
}
