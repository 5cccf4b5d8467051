package io.newsstream.pipeline;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.newsstream.classify.KeywordClassifier;
import io.newsstream.classify.LearnedClassifier;
import io.newsstream.classify.LinearModel;
import io.newsstream.classify.MiniLmEncoder;
import io.newsstream.classify.Taxonomy;
import io.newsstream.classify.TopicClassifier;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.dedup.SignatureBuilder;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.TopicProvisioner;
import io.newsstream.kafka.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running Kafka Streams application: creates the topics it needs, starts the topology with
 * exactly-once processing and stops it cleanly. Failures of single records go to the dead-letter topic; a stream
 * thread that dies of anything else is replaced a bounded number of times ({@link ThreadFailurePolicy}), then the
 * application stops with the error rather than losing records.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Thread deaths are counted over this window: more than {@code pipeline.thread-replacements} in it stop the instance. */
    static final Duration THREAD_FAILURE_WINDOW = Duration.ofMinutes(10);

    /** The stores of the story stage, whose changelogs are the pipeline's dedup and story state. */
    public static final List<String> STORY_STORES = List.of(StoryProcessor.ARTICLES, StoryProcessor.STORIES);

    /**
     * The application's internal topics on the broker: its stores' changelogs and its repartition. Named exactly,
     * never by prefix: {@code newsstream-trial-...} is another application's, not {@code newsstream}'s.
     */
    public static List<String> internalTopics(String applicationId) {
        return List.of(applicationId + "-" + StoryProcessor.ARTICLES + "-changelog",
                applicationId + "-" + StoryProcessor.STORIES + "-changelog",
                applicationId + "-" + PipelineTopology.STORY_REPARTITION + "-repartition");
    }

    private final KafkaStreams streams;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Kafka Streams' metrics bound to the exported meters; null when nobody reads them. */
    private KafkaStreamsMetrics streamsMetrics;
    private volatile Throwable failure;

    private Pipeline(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Creates missing topics and starts the pipeline; returns once it is starting up. */
    public static Pipeline start(NewsstreamConfig config, KafkaClients clients, Taxonomy taxonomy) {
        return start(config, clients, taxonomy, PipelineMetrics.none());
    }

    /** As above, counting into the given meters, Kafka Streams' own metrics bound beside them. */
    public static Pipeline start(NewsstreamConfig config, KafkaClients clients, Taxonomy taxonomy, PipelineMetrics metrics) {
        Topics topics = new Topics(config.topics());
        TopicProvisioner.ensureTopics(clients, topics.specs(topics.allNames(taxonomy.labelNames()), config.rawRetention()),
                config.partitions(), config.replicationFactor());
        Properties properties = streamsProperties(config, clients);
        properties.put(PipelineMetrics.CONFIG, metrics);
        Topology topology = topology(config, topics, taxonomy, properties, metrics);
        Pipeline pipeline = new Pipeline(new KafkaStreams(topology, properties));
        if (metrics.exported()) {
            pipeline.streamsMetrics = new KafkaStreamsMetrics(pipeline.streams);
            pipeline.streamsMetrics.bindTo(metrics.registry());
        }
        pipeline.run(new ThreadFailurePolicy(config.threadReplacements(), THREAD_FAILURE_WINDOW));
        LOG.info("Pipeline {} starting with taxonomy '{}' ({}), labels {}", config.applicationId(), taxonomy.name(),
                taxonomy.fingerprint(), taxonomy.labelNames());
        return pipeline;
    }

    /** The topology for a configuration and taxonomy, without starting anything. */
    public static Topology topology(NewsstreamConfig config, Topics topics, Taxonomy taxonomy, Properties streamsProperties) {
        return topology(config, topics, taxonomy, streamsProperties, PipelineMetrics.none());
    }

    static Topology topology(NewsstreamConfig config, Topics topics, Taxonomy taxonomy, Properties streamsProperties,
                             PipelineMetrics metrics) {
        ArticleAnalyzer analyzer = new ArticleAnalyzer(classifier(config, taxonomy), signatures(config), Clock.systemUTC());
        return new PipelineTopology(config, topics, analyzer, taxonomy.labelNames(), metrics).build(streamsProperties);
    }

    /**
     * The topic classifier as configured: the model of {@code classifier.model}, the taxonomy's rules alone
     * ({@code rules}), or the built-in model — unless the taxonomy has other labels than it was trained for, when
     * the rules decide and a warning says how to train a model for it. (A taxonomy with the same labels and other
     * rules keeps the built-in model, which then reads those rules' scores: retrain for the best results.)
     */
    public static TopicClassifier classifier(NewsstreamConfig config, Taxonomy taxonomy) {
        KeywordClassifier rules = new KeywordClassifier(taxonomy);
        String model = config.classifierModel();
        if (model.equals("rules")) {
            return rules;
        }
        if (!model.isBlank()) {
            Path file = Path.of(model);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no classifier model at " + file.toAbsolutePath()
                        + ": give a file written by `newsstream train`, or `rules`");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return learned(config, rules, LinearModel.read(in, model));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the classifier model " + model + ": " + e, e);
            }
        }
        LinearModel builtIn = LearnedClassifier.builtInModel();
        if (!builtIn.labelNames().equals(taxonomy.labelNames())) {
            LOG.warn("The built-in classifier model was trained for labels {}, the taxonomy '{}' has {}: its keyword "
                    + "rules decide alone. Train a model for it: newsstream train --corpus DIR --taxonomy FILE --out MODEL",
                    builtIn.labelNames(), taxonomy.name(), taxonomy.labelNames());
            return rules;
        }
        return learned(config, rules, builtIn);
    }

    /** The learned classifier, with the sentence encoder when the model has a context model and it is enabled. */
    private static LearnedClassifier learned(NewsstreamConfig config, KeywordClassifier rules, LinearModel model) {
        boolean context = model.context().isPresent() && config.classifierContext();
        return new LearnedClassifier(rules, model, context ? MiniLmEncoder.shared() : null);
    }

    /** How articles are fingerprinted for dedup, as configured. */
    public static SignatureBuilder signatures(NewsstreamConfig config) {
        return new SignatureBuilder(config.dedupAnchors(), config.dedupAnchorEvery(), config.dedupMaxAnchors(),
                config.dedupSignatureShingles());
    }

    /** The Kafka Streams settings of the pipeline. */
    public static Properties streamsProperties(NewsstreamConfig config, KafkaClients clients) {
        Properties p = clients.common();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replicationFactor());
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        // Opts in to Kafka 5.0's default early: a failure in the global subscription store's processor goes to the
        // same handler as any other.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // The partition assignor rebuilds a StreamsConfig from the main consumer's settings and would warn that
        // the option is off: hand it the same value.
        p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        // 3-5 KB records to many partitions fill the default 16 KB batches after a few records each, and the broker
        // then handles a request per handful of records: 256 KB batches measured 2.5x for pass-through on the bench.
        // A producer.batch.size in --client-config wins.
        p.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        // An article at the ingest limit (1 MB) becomes larger records downstream (the article with its analysis): the
        // pipeline's records and internal topics take up to 8 MiB, so an accepted article always fits.
        p.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Topics.MAX_RECORD_BYTES);
        p.putIfAbsent(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), Topics.MAX_RECORD_BYTES);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, SharedStateMemory.class.getName());
        p.put(SharedStateMemory.MEMORY_MB_CONFIG, config.stateMemoryMb());
        p.put(DeadLetterHandler.DLQ_TOPIC_CONFIG, config.topics().dlq());
        config.stateDir().ifPresent(dir -> p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString()));
        return p;
    }

    private void run(ThreadFailurePolicy policy) {
        streams.setUncaughtExceptionHandler(e -> {
            if (policy.onFailure(Instant.now()) == ThreadFailurePolicy.Decision.REPLACE_THREAD) {
                LOG.error("A stream thread died of an unexpected error and is replaced ({} in the last {}); its tasks "
                        + "resume from their last commit", policy.recentFailures(), THREAD_FAILURE_WINDOW, e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            failure = e;
            LOG.error("Pipeline shutting down: {} stream threads died within {}, the last of this error (records stay in "
                    + "Kafka, uncommitted; fix the cause and start again)", policy.recentFailures(), THREAD_FAILURE_WINDOW, e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((newState, oldState) -> {
            LOG.info("Pipeline state {} -> {}", oldState, newState);
            if (newState == KafkaStreams.State.NOT_RUNNING || newState == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        streams.start();
    }

    /** Stops processing records, keeping the instance's tasks, until {@link #resume()}. */
    public void pause() {
        streams.pause();
    }

    public void resume() {
        streams.resume();
    }

    /** The Kafka Streams metrics of this instance, the story stage's index size among them. */
    public Map<MetricName, ? extends Metric> metrics() {
        return streams.metrics();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Ready to process: every stream thread running (not starting, rebalancing or stopping). */
    public boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** How many active tasks this instance runs: with several instances, each takes a share. */
    public int activeTasks() {
        return streams.metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
    }

    /** Blocks until the pipeline has stopped; returns the error that stopped it, or null after a clean close. */
    public Throwable awaitStop() throws InterruptedException {
        stopped.await();
        return failure;
    }

    /** Waits up to {@code timeout} for the pipeline to stop; true when it did. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Throwable failure() {
        return failure;
    }

    /**
     * Stops the pipeline and leaves its group at once: its partitions move to the other instances without waiting
     * for the session timeout, and {@code reset} can run right after the last instance stops.
     */
    @Override
    public void close() {
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
    }
}
