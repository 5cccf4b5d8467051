package io.newsstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The newsstream command line: one entry point, a subcommand per job. */
@Command(name = "newsstream", mixinStandardHelpOptions = true, version = "newsstream 0.1.0",
        description = "Streaming news-event pipeline on Apache Kafka.",
        subcommands = {DemoCommand.class, ProcessCommand.class, EvaluateCommand.class, TrainCommand.class, IngestCommand.class, RunCommand.class,
            TailCommand.class, SubscribeCommand.class, UnsubscribeCommand.class, SubscriptionsCommand.class, AlertsCommand.class,
            BrokerCommand.class, BenchCommand.class, ReplayCommand.class, StatusCommand.class, CompareCommand.class, ReprocessCommand.class, ResetCommand.class, ServeCommand.class, FeedsCommand.class, TopicsCommand.class, CommandLine.HelpCommand.class})
public final class Newsstream {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Newsstream());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // Errors a person can act on get one line; the stack trace is for the log.
            cmd.getErr().println("newsstream " + cmd.getCommandName() + ": " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(Newsstream.class).debug("command failed", e);
            return 2;
        });
        return cli;
    }
}
