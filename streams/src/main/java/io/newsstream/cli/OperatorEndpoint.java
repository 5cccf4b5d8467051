package io.newsstream.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.metrics.MetricsEndpoint;
import io.newsstream.pipeline.Pipeline;
import io.newsstream.pipeline.PipelineMetrics;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The metrics endpoint of a long-running command, when {@code metrics.port} is set; otherwise meters that go
 * nowhere. Closed last, after the work it reports on has stopped, so {@code /ready} says 503 during a shutdown.
 */
final class OperatorEndpoint implements AutoCloseable {

    private final MetricsEndpoint endpoint;

    private OperatorEndpoint(MetricsEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** No endpoint, whatever the configuration says. */
    static OperatorEndpoint none() {
        return new OperatorEndpoint(null);
    }

    static OperatorEndpoint open(NewsstreamConfig config) throws Exception {
        return new OperatorEndpoint(config.metricsPort().isPresent()
                ? new MetricsEndpoint(config.metricsPort().getAsInt()).start() : null);
    }

    MeterRegistry registry() {
        return endpoint == null ? new CompositeMeterRegistry() : endpoint.registry();
    }

    /**
     * Starts the pipeline counting into this endpoint, ready while it runs; the endpoint closes when the pipeline
     * cannot start (its port and threads would otherwise outlive the failure).
     */
    Pipeline startPipeline(NewsstreamConfig config, KafkaClients clients, Taxonomy taxonomy) {
        try {
            Pipeline pipeline = Pipeline.start(config, clients, taxonomy,
                    endpoint == null ? PipelineMetrics.none() : new PipelineMetrics(endpoint.registry()));
            readyWhen(pipeline::isRunning, () -> "Kafka Streams is " + pipeline.state());
            return pipeline;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Runs until SIGTERM (the pipeline closes, then this endpoint) or until repeated stream-thread failures stop
     * the pipeline; returns the command's exit code.
     */
    int untilStopped(Pipeline pipeline, String command) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pipeline.close();
            close();
        }, "newsstream-" + command + "-shutdown"));
        Throwable failure = pipeline.awaitStop();
        if (failure != null) {
            System.err.println("newsstream " + command + ": stopped by repeated stream-thread failures, the last: " + failure
                    + " (see the log; records are still in Kafka and are processed at the next start)");
            return RunCommand.EXIT_THREADS_FAILED;
        }
        return 0;
    }

    void readyWhen(BooleanSupplier check, Supplier<String> reasonWhenNot) {
        if (endpoint != null) {
            endpoint.readyWhen(check, reasonWhenNot);
        }
    }

    @Override
    public void close() {
        if (endpoint != null) {
            try {
                endpoint.close();
            } catch (Exception e) {
                System.err.println("newsstream: stopping the metrics endpoint: " + e);
            }
        }
    }
}
