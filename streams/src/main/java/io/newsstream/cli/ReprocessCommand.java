package io.newsstream.cli;

import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.ops.SideRun;
import io.newsstream.ops.TimeSpec;
import io.newsstream.pipeline.Pipeline;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code newsstream reprocess}: a second pipeline beside the live one, writing to side topics. */
@Command(name = "reprocess", mixinStandardHelpOptions = true,
        description = {"Run a second pipeline as application newsstream-NAME: it reads the live raw articles (from "
            + "--from on its first run) and subscriptions, and writes every output to side topics suffixed .NAME "
            + "(news.article.enriched.v1.NAME, per-label topics, stories, alerts, dead letters), with the taxonomy, "
            + "model and settings given here. Live topics and state are not touched. Compare with "
            + "`newsstream compare --a news.article.enriched.v1 --b news.article.enriched.v1.NAME`. Runs until stopped; "
            + "run it again with the same name to go on."})
final class ReprocessCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ReprocessCommand.class);

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: bootstrap.servers from the "
            + "configuration, else " + ConfigOptions.LOCAL_KAFKA + ").")
    String bootstrapServers;

    @Option(names = "--name", required = true, description = "Names the application (newsstream-NAME) and suffixes its topics.")
    String name;

    @Option(names = "--from", paramLabel = "TIME", description = "Where its first run starts in the raw topic (ISO-8601, "
            + "now, -2h, -7d; default: the earliest article).")
    String from;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        NewsstreamConfig live = options.build(bootstrapServers);
        NewsstreamConfig side = SideRun.config(live, name);
        Taxonomy taxonomy = Taxonomy.load(side.taxonomyFile());
        KafkaClients clients = ConfigOptions.existingCluster(side);
        SideRun.prepare(clients, side, name, taxonomy.labelNames(), Optional.ofNullable(from).map(f -> TimeSpec.parse(f, Instant.now())));
        LOG.info("Reprocess {} as {}, writing {}", name, side.applicationId(), SideRun.sideTopics(side, taxonomy.labelNames()));
        OperatorEndpoint endpoint = OperatorEndpoint.open(side);
        Pipeline pipeline = endpoint.startPipeline(side, clients, taxonomy);
        return endpoint.untilStopped(pipeline, "reprocess");
    }
}
