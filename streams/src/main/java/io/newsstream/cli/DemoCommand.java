package io.newsstream.cli;

import io.newsstream.alert.Subscriptions;
import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.schema.Alert;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.Subscription;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code newsstream demo}: the embedded broker and the real pipeline on sample articles shipped inside the
 * application, then a table of each article's topics and dedup verdict.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an embedded Kafka broker, run the pipeline on the built-in sample articles and show "
            + "each article's topics and syndication verdict, and the alerts three sample subscriptions raise.")
final class DemoCommand implements Callable<Integer> {

    private static final String SAMPLES = "/io/newsstream/samples/";
    private static final String SUBSCRIPTIONS = "/io/newsstream/demo-subscriptions.jsonl";

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        NewsstreamConfig config = options.build(null);
        Taxonomy taxonomy = Taxonomy.load(config.taxonomyFile());
        PrintWriter out = spec.commandLine().getOut();
        Path samples = Files.createTempDirectory("newsstream-samples-");
        try {
            List<String> names = copySamples(samples.resolve("articles"));
            out.printf("demo: starting an embedded Kafka broker and the pipeline on %d sample articles...%n", names.size());
            out.flush();
            List<Subscription> subscriptions = demoSubscriptions(samples.resolve("subscriptions.jsonl"));
            ArchiveRun.Result result = ArchiveRun.run(config, taxonomy, List.of(samples.resolve("articles").toString()),
                    subscriptions, spec.commandLine().getErr());
            printTable(out, result.enriched());
            printEntities(out, result.enriched());
            printAlerts(out, subscriptions, result.alerts());
            out.printf("%n%s; %d events on %s; originals on %s; failures on %s.%n", result.ingest().summary(),
                    result.enriched().size(), config.topics().enriched(), config.topics().forLabel("<label>"), config.topics().dlq());
            out.println("The broker was embedded and is gone now: run `newsstream broker` and `newsstream run` for a lasting one.");
            return result.missing().isEmpty() && result.failures().isEmpty() ? 0 : 1;
        } finally {
            TempDirectory.delete(samples);
        }
    }

    private static List<Subscription> demoSubscriptions(Path file) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(SUBSCRIPTIONS)) {
            Files.copy(in, file);
        }
        return Subscriptions.readJsonLines(file, Instant.now());
    }

    private static void printAlerts(PrintWriter out, List<Subscription> subscriptions, List<Alert> alerts) {
        out.printf("%nALERTS — %d subscriptions, one alert per story each (syndicated copies do not alert again):%n",
                subscriptions.size());
        for (Subscription s : subscriptions) {
            out.printf("  %-15s %s%n", s.getId(), s.getQuery() + (s.getTopics().isEmpty() ? "" : "  [topics " + String.join(",", s.getTopics()) + "]"));
        }
        for (Alert a : alerts) {
            out.println();
            out.println(AlertsCommand.readable(a));
        }
    }

    private static List<String> copySamples(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> names;
        try (InputStream index = DemoCommand.class.getResourceAsStream(SAMPLES + "index.txt")) {
            names = new String(index.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
        for (String name : names) {
            try (InputStream in = DemoCommand.class.getResourceAsStream(SAMPLES + name)) {
                if (in == null) {
                    throw new IllegalStateException("sample " + name + " is missing from the application");
                }
                Files.copy(in, dir.resolve(name));
            }
        }
        return names;
    }

    private static void printTable(PrintWriter out, List<EnrichedArticle> events) {
        String format = "%-24s %-56s %-9s %-21s %s%n";
        out.printf(format, "ORIGIN", "HEADLINE", "DEDUP", "STORY", "TOPICS");
        for (EnrichedArticle e : events) {
            String topics = e.getTopics().stream()
                    .map(t -> t.getLabel() + String.format(Locale.ROOT, " %.2f", t.getScore()))
                    .collect(Collectors.joining(", "));
            out.printf(format, cut(e.getOrigin(), 24), cut(e.getTitle(), 56),
                    e.getDedup().getStatus().name().toLowerCase(Locale.ROOT), cut(e.getDedup().getClusterId(), 21),
                    topics.isEmpty() ? "-" : topics);
        }
    }

    /** The most mentioned entities of each original story, as the enriched events carry them. */
    private static void printEntities(PrintWriter out, List<EnrichedArticle> events) {
        out.printf("%nENTITIES — the most mentioned people, organisations and places of each original:%n");
        for (EnrichedArticle e : events) {
            if (e.getDedup().getStatus() != DedupStatus.ORIGINAL || e.getEntities().isEmpty()) {
                continue;
            }
            String entities = e.getEntities().stream().limit(5)
                    .map(n -> n.getName() + " (" + n.getType().name().toLowerCase(Locale.ROOT)
                            + (n.getCountryCode() == null ? "" : " " + n.getCountryCode()) + ", " + n.getMentionCount() + ")")
                    .collect(Collectors.joining(", "));
            out.printf("  %-24s %s%n", cut(e.getOrigin(), 24), TerminalText.safe(entities));
        }
    }

    private static String cut(String text, int width) {
        String s = TerminalText.safe(text == null ? "-" : text);
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
