package io.newsstream.cli;

import io.newsstream.config.NewsstreamConfig;
import io.newsstream.ingest.ArticleParser;
import io.newsstream.ingest.FeedPoller;
import io.newsstream.ingest.Ingestor;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.TopicProvisioner;
import io.newsstream.kafka.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsstream feeds}: RSS and Atom feeds polled into the raw topic. */
@Command(name = "feeds", mixinStandardHelpOptions = true,
        description = {"Poll RSS and Atom feeds (http, https, file URLs) every --interval and write each new item (by "
            + "GUID, else link) to the raw topic once: body from its content or description (HTML read as text), source "
            + "the feed's title. Conditional GET (ETag, Last-Modified). Items ingested are kept in the compacted topic "
            + FeedPoller.SEEN_TOPIC + ", so a restart does not ingest them again. Runs until Ctrl-C / SIGTERM, or one "
            + "round with --once."})
final class FeedsCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: bootstrap.servers from the "
            + "configuration, else " + ConfigOptions.LOCAL_KAFKA + ").")
    String bootstrapServers;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "A feed (repeatable).")
    List<String> urls;

    @Option(names = "--interval", defaultValue = "60s", description = "Time between polls of each feed (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--once", description = "Poll each feed once and exit (exit code 1 when a feed could not be read).")
    boolean once;

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        NewsstreamConfig config = options.build(bootstrapServers);
        Duration every = NewsstreamConfig.parseDurationText("--interval", interval);
        KafkaClients clients = ConfigOptions.existingCluster(config);
        Topics topics = new Topics(config.topics());
        TopicProvisioner.ensureIngestTopics(clients, config);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        if (!once) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                try {
                    finished.await(30, TimeUnit.SECONDS); // the round in hand completes and the producers flush
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "newsstream-feeds-shutdown"));
        }
        int failures = 0;
        // A single round (--once) is no service to watch: no endpoint then.
        try (OperatorEndpoint endpoint = once ? OperatorEndpoint.none() : OperatorEndpoint.open(config);
             Ingestor ingestor = new Ingestor(clients, topics, Clock.systemUTC(), endpoint.registry());
             FeedPoller poller = new FeedPoller(clients, new ArticleParser(config.maxArticleBytes(), config.maxTitleChars()),
                     ingestor, Clock.systemUTC())) {
            // Feeds are read whenever the next round comes: the process is ready as soon as it runs.
            endpoint.readyWhen(() -> true, () -> "not ready");
            do {
                for (String url : urls) {
                    try {
                        out.println("feeds: " + TerminalText.safe(poller.poll(url).summary()));
                    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
                        failures++;
                        err.println("feeds: " + TerminalText.safe(url) + ": " + TerminalText.safe(String.valueOf(e.getMessage())));
                    }
                    out.flush();
                    err.flush();
                }
            } while (!once && !stop.await(every.toMillis(), TimeUnit.MILLISECONDS));
        } finally {
            finished.countDown();
        }
        return once && failures > 0 ? 1 : 0;
    }
}
