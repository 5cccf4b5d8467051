package io.newsstream.cli;

import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.pipeline.Pipeline;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code newsstream run}: the Kafka Streams application, until Ctrl-C or SIGTERM. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the pipeline (exactly-once): raw articles in; enriched, per-topic and dead-letter topics out. "
            + "Creates missing topics. Runs until Ctrl-C / SIGTERM; start more instances to scale out.")
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    /** Exit code when stream threads kept dying: distinct from bad usage (2), so supervisors can tell. */
    static final int EXIT_THREADS_FAILED = 3;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: bootstrap.servers from the configuration, else "
            + ConfigOptions.LOCAL_KAFKA + ").")
    String bootstrapServers;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        NewsstreamConfig config = options.build(bootstrapServers);
        LOG.info("Starting with {}", config);
        Taxonomy taxonomy = Taxonomy.load(config.taxonomyFile());
        OperatorEndpoint endpoint = OperatorEndpoint.open(config);
        Pipeline pipeline = endpoint.startPipeline(config, ConfigOptions.existingCluster(config), taxonomy);
        return endpoint.untilStopped(pipeline, "run");
    }
}
