package io.newsstream.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest over HTTP (Jetty): {@code POST /articles} takes a JSON article, a JSON array, JSON Lines or
 * {@code text/plain}, parsed and validated as files are ({@link RequestBody}, {@link ArticleParser}), and answers
 * {@code 202} with the assigned ids once Kafka has acknowledged them. A request with any invalid article is refused
 * whole ({@code 400}, one error per article, the rejections recorded on the rejected topic as {@code ingest} records
 * them), so a client fixes and resends one batch. {@code 413} for a body over the limit, {@code 415} for another
 * content type, {@code 401} without the bearer token when one is set (compared in constant time), {@code 503} when
 * Kafka does not acknowledge. {@code GET /health}: the process is up; {@code GET /ready}: Kafka is reachable. On
 * stop, requests in flight finish before the server closes.
 */
public final class HttpIngestServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpIngestServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STOP_TIMEOUT_MS = 30_000;

    /**
     * @param maxRequestBytes largest body accepted
     * @param token           the bearer token requests must carry, if any
     */
    public record Settings(int port, long maxRequestBytes, Optional<String> token) {
        public Settings {
            if (maxRequestBytes < 1 || maxRequestBytes > MAX_BODY_LIMIT) {
                throw new IllegalArgumentException("the request size limit must be between 1 and " + MAX_BODY_LIMIT
                        + " bytes, got " + maxRequestBytes);
            }
        }
    }

    /** The largest body limit: one array holds a body. */
    static final long MAX_BODY_LIMIT = Integer.MAX_VALUE - 16;
    /**
     * Requests buffered at once: each holds up to its body (16 MiB by default) and the parsed articles, so without a
     * bound many clients could exhaust the heap. Others wait up to {@link #ADMISSION_WAIT_SECONDS} s, then get 503.
     */
    private static final int CONCURRENT_POSTS = 8;
    private static final long ADMISSION_WAIT_SECONDS = 10;

    private final Server server;
    private final ServerConnector connector;

    public HttpIngestServer(Settings settings, ArticleParser parser, Ingestor ingestor, BooleanSupplier kafkaReachable, Clock clock) {
        this.server = new Server();
        this.connector = new ServerConnector(server);
        connector.setPort(settings.port());
        server.addConnector(connector);
        server.setStopTimeout(STOP_TIMEOUT_MS);
        server.setHandler(new GracefulHandler(new Routes(settings, parser, ingestor, kafkaReachable, clock)));
    }

    public void start() throws Exception {
        server.start();
        LOG.info("HTTP ingest listening on port {}", port());
    }

    /** The port it listens on (the one chosen when 0 was asked for). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops taking requests, lets those in flight finish (up to 30 s), then closes. */
    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static final class Routes extends Handler.Abstract {
        private final Settings settings;
        private final ArticleParser parser;
        private final Ingestor ingestor;
        private final BooleanSupplier kafkaReachable;
        private final Clock clock;
        private final byte[] expectedToken;
        private final Semaphore admission = new Semaphore(CONCURRENT_POSTS);

        Routes(Settings settings, ArticleParser parser, Ingestor ingestor, BooleanSupplier kafkaReachable, Clock clock) {
            this.settings = settings;
            this.parser = parser;
            this.ingestor = ingestor;
            this.kafkaReachable = kafkaReachable;
            this.clock = clock;
            this.expectedToken = settings.token().map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            switch (path) {
                case "/health" -> reply(response, callback, HttpStatus.OK_200, Map.of("status", "up"));
                case "/ready" -> {
                    boolean ready = kafkaReachable.getAsBoolean();
                    reply(response, callback, ready ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503,
                            Map.of("status", ready ? "ready" : "Kafka is not reachable"));
                }
                case "/articles" -> {
                    if (!method.equals("POST")) {
                        response.getHeaders().put(HttpHeader.ALLOW, "POST");
                        reply(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, error("POST articles to /articles"));
                    } else if (!admission.tryAcquire(ADMISSION_WAIT_SECONDS, TimeUnit.SECONDS)) {
                        response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
                        reply(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, error("too many requests in progress: retry"));
                    } else {
                        try {
                            postArticles(request, response, callback);
                        } finally {
                            admission.release();
                        }
                    }
                }
                default -> reply(response, callback, HttpStatus.NOT_FOUND_404, error("no such path: " + path
                        + " (POST /articles, GET /health, GET /ready)"));
            }
            return true;
        }

        private void postArticles(Request request, Response response, Callback callback) throws Exception {
            if (expectedToken != null) {
                String given = request.getHeaders().get(HttpHeader.AUTHORIZATION);
                // The scheme is case-insensitive (RFC 9110); the token is compared in constant time.
                boolean bearer = given != null && given.regionMatches(true, 0, "Bearer ", 0, 7);
                byte[] token = bearer ? given.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
                if (!MessageDigest.isEqual(expectedToken, token)) {
                    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
                    reply(response, callback, HttpStatus.UNAUTHORIZED_401, error("a valid Authorization: Bearer <token> header is required"));
                    return;
                }
            }
            Optional<RequestBody.Kind> kind = RequestBody.kindOf(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
            if (kind.isEmpty()) {
                reply(response, callback, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, error("Content-Type must be application/json, "
                        + "application/x-ndjson (JSON Lines) or text/plain; got " + request.getHeaders().get(HttpHeader.CONTENT_TYPE)));
                return;
            }
            long declared = request.getLength();
            byte[] body;
            if (declared > settings.maxRequestBytes()) {
                body = null;
            } else {
                try (InputStream in = Content.Source.asInputStream(request)) {
                    body = in.readNBytes((int) (settings.maxRequestBytes() + 1)); // one byte over tells an oversized body
                }
            }
            if (body == null || body.length > settings.maxRequestBytes()) {
                reply(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, error("the request body is over "
                        + settings.maxRequestBytes() + " bytes: send fewer articles per request"));
                return;
            }
            List<IngestOutcome> outcomes = RequestBody.parse(parser, body, kind.get(), clock.instant());
            List<IngestOutcome.Rejected> rejected = outcomes.stream().filter(o -> o instanceof IngestOutcome.Rejected)
                    .map(o -> (IngestOutcome.Rejected) o).toList();
            try {
                if (!rejected.isEmpty()) {
                    ingestor.writeAndWait(List.copyOf(rejected));
                    reply(response, callback, HttpStatus.BAD_REQUEST_400, invalid(outcomes));
                    return;
                }
                ingestor.writeAndWait(outcomes);
            } catch (IllegalStateException e) {
                LOG.warn("Kafka did not acknowledge a request's articles: {}", e.getMessage());
                reply(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, error(e.getMessage() + "; nothing from this request "
                        + "can be counted on: send it again"));
                return;
            }
            List<String> ids = outcomes.stream().map(o -> ((IngestOutcome.Accepted) o).article().getId()).toList();
            Map<String, Object> accepted = new LinkedHashMap<>();
            accepted.put("accepted", ids.size());
            accepted.put("ids", ids);
            reply(response, callback, HttpStatus.ACCEPTED_202, accepted);
        }

        private static Map<String, Object> invalid(List<IngestOutcome> outcomes) {
            List<Map<String, Object>> errors = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i) instanceof IngestOutcome.Rejected r) {
                    errors.add(Map.of("article", i + 1, "origin", r.origin(), "reason", r.reason()));
                }
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", errors.size() + " of " + outcomes.size() + " articles are invalid; nothing from this request was "
                    + "accepted: fix them and send the request again");
            body.put("articles", errors);
            return body;
        }

        private static Map<String, Object> error(String message) {
            return Map.of("error", message);
        }

        private static void reply(Response response, Callback callback, int status, Object body) throws Exception {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            Content.Sink.write(response, true, JSON.writeValueAsString(body) + "\n", callback);
        }
    }
}
