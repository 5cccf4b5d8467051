package io.newsstream.cli;

import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.ingest.ArticleParser;
import io.newsstream.ingest.HttpIngestServer;
import io.newsstream.ingest.Ingestor;
import io.newsstream.ingest.KafkaReachability;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.TopicProvisioner;
import io.newsstream.kafka.Topics;
import io.newsstream.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code newsstream serve}: ingest over HTTP. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Take articles over HTTP and write them to the raw topic: POST /articles with a JSON article, a JSON "
            + "array, JSON Lines (application/x-ndjson) or text/plain (headline on the first line). 202 with the ids once "
            + "Kafka has acknowledged them; 400 with one error per invalid article (nothing from that request is "
            + "accepted); 413 over --max-request-bytes; 401 without the bearer token when one is set. GET /health, "
            + "GET /ready (Kafka reachable). Runs until Ctrl-C / SIGTERM, finishing requests in flight."})
final class ServeCommand implements Callable<Integer> {

    static final String TOKEN_ENV = "NEWSSTREAM_INGEST_TOKEN";

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: bootstrap.servers from the "
            + "configuration, else " + ConfigOptions.LOCAL_KAFKA + ").")
    String bootstrapServers;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-request-bytes", defaultValue = "16777216", description = "Largest request body (default: ${DEFAULT-VALUE}).")
    long maxRequestBytes;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Require Authorization: Bearer <the file's first "
            + "line>. Or set " + TOKEN_ENV + ". Without either, requests need no token.")
    Path tokenFile;

    @Option(names = "--with-pipeline", description = "Also run the pipeline in this process.")
    boolean withPipeline;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        NewsstreamConfig config = options.build(bootstrapServers);
        KafkaClients clients = ConfigOptions.existingCluster(config);
        Topics topics = new Topics(config.topics());
        TopicProvisioner.ensureIngestTopics(clients, config);
        OperatorEndpoint endpoint = OperatorEndpoint.open(config);
        Pipeline pipeline = withPipeline ? endpoint.startPipeline(config, clients, Taxonomy.load(config.taxonomyFile())) : null;
        Ingestor ingestor = new Ingestor(clients, topics, Clock.systemUTC(), endpoint.registry());
        KafkaReachability reachability = new KafkaReachability(clients);
        endpoint.readyWhen(() -> reachability.getAsBoolean() && (pipeline == null || pipeline.isRunning()),
                () -> pipeline != null && !pipeline.isRunning() ? "Kafka Streams is " + pipeline.state() : "Kafka is not reachable");
        HttpIngestServer server = new HttpIngestServer(new HttpIngestServer.Settings(port, maxRequestBytes, token()),
                new ArticleParser(config.maxArticleBytes(), config.maxTitleChars()), ingestor, reachability, Clock.systemUTC());
        server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Requests in flight finish (their writes acknowledged) before the producer closes.
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("newsstream serve: stopping the HTTP server: " + e);
            }
            ingestor.close();
            reachability.close();
            if (pipeline != null) {
                pipeline.close();
            }
            endpoint.close();
            stopped.countDown();
        }, "newsstream-serve-shutdown"));
        stopped.await();
        return 0;
    }

    private Optional<String> token() throws IOException {
        if (tokenFile != null) {
            String line = Files.readAllLines(tokenFile).stream().findFirst().orElse("").strip();
            if (line.isEmpty()) {
                throw new IllegalArgumentException("the token file " + tokenFile + " is empty");
            }
            return Optional.of(line);
        }
        return Optional.ofNullable(System.getenv(TOKEN_ENV)).map(String::strip).filter(t -> !t.isEmpty());
    }
}
