package io.newsstream.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a long-running command shows an operator on {@code metrics.port}: {@code GET /metrics} (Prometheus text
 * format: newsstream's meters, Kafka's and the JVM's), {@code GET /health} (200 while the process runs) and
 * {@code GET /ready} (200 only while the command can do its work — for the pipeline, while Kafka Streams is
 * RUNNING; 503 otherwise, with the reason).
 */
public final class MetricsEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private volatile BooleanSupplier ready = () -> false;
    private volatile Supplier<String> notReadyReason = () -> "starting";

    /** @param port the port to listen on; 0 for any free one (tests) */
    public MetricsEndpoint(int port) {
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Routes());
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        // What /ready answers, as a metric: dashboards count the ready instances.
        Gauge.builder("newsstream.ready", this, e -> e.ready.getAsBoolean() ? 1 : 0)
                .description("1 while the command can do its work (what GET /ready answers), else 0").register(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /** The registry the command's meters go to. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** What {@code /ready} asks, and what it answers when the answer is no. */
    public void readyWhen(BooleanSupplier check, Supplier<String> reasonWhenNot) {
        this.ready = check;
        this.notReadyReason = reasonWhenNot;
    }

    public MetricsEndpoint start() throws Exception {
        server.start();
        LOG.info("Metrics on port {}: /metrics, /health, /ready", port());
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
        gcMetrics.close();
        registry.close();
    }

    private final class Routes extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            switch (path) {
                case "/metrics" -> reply(response, callback, HttpStatus.OK_200,
                        "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
                case "/health" -> reply(response, callback, HttpStatus.OK_200, "text/plain; charset=utf-8", "up\n");
                case "/ready" -> {
                    boolean isReady = ready.getAsBoolean();
                    reply(response, callback, isReady ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503,
                            "text/plain; charset=utf-8", isReady ? "ready\n" : "not ready: " + notReadyReason.get() + "\n");
                }
                default -> reply(response, callback, HttpStatus.NOT_FOUND_404, "text/plain; charset=utf-8",
                        "no such path: " + path + " (GET /metrics, /health, /ready)\n");
            }
            return true;
        }

        private static void reply(Response response, Callback callback, int status, String type, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
            Content.Sink.write(response, true, body, callback);
        }
    }
}
