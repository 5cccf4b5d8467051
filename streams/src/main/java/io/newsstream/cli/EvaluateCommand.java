package io.newsstream.cli;

import io.newsstream.classify.KeywordClassifier;
import io.newsstream.classify.MiniLmEncoder;
import io.newsstream.classify.SentenceEncoder;
import io.newsstream.classify.Taxonomy;
import io.newsstream.classify.Training;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.evaluate.Corpus;
import io.newsstream.evaluate.Evaluation;
import io.newsstream.evaluate.Prediction;
import io.newsstream.ingest.ArticleParser;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.RawArticle;
import io.newsstream.schema.TopicScore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code newsstream evaluate}: a labelled corpus through the real pipeline, scored. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Run a labelled corpus (a folder with articles/ and labels.jsonl) through the real pipeline, as "
            + "process does, and print per-label precision/recall/F1, macro-F1, the share of no-topic articles left "
            + "unlabelled and pairwise syndication precision/recall.",
            "Exit code 1 when a figure is below its --min-* floor."})
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--corpus", required = true, paramLabel = "DIR", description = "Labelled corpus folder.")
    Path corpusDir;

    @Option(names = "--bootstrap-servers", description = "Use this Kafka cluster instead of an embedded broker.")
    String bootstrapServers;

    @Option(names = "--min-macro-f1", defaultValue = "0", description = "Fail below this macro-F1.")
    double minMacroF1;

    @Option(names = "--min-unlabelled", defaultValue = "0", description = "Fail below this share of no-topic articles left unlabelled.")
    double minUnlabelled;

    @Option(names = "--min-dedup-precision", defaultValue = "0", description = "Fail below this syndication-pair precision.")
    double minDedupPrecision;

    @Option(names = "--min-dedup-recall", defaultValue = "0", description = "Fail below this syndication-pair recall.")
    double minDedupRecall;

    @Option(names = "--cv", description = "Instead of running the pipeline with the configured model: train the "
            + "classifier in grouped cross-validation on this corpus (folds by story) and score its out-of-fold "
            + "predictions; --min-macro-f1 applies.")
    boolean crossValidate;

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        NewsstreamConfig config = options.build(bootstrapServers);
        Taxonomy taxonomy = Taxonomy.load(config.taxonomyFile());
        PrintWriter out = spec.commandLine().getOut();
        if (crossValidate) {
            SentenceEncoder encoder = config.classifierContext() ? MiniLmEncoder.shared() : null;
            Training.Result cv = new Training(taxonomy.labelNames(), encoder == null ? null : encoder.name())
                    .fit(TrainCommand.examples(config, new KeywordClassifier(taxonomy), List.of(corpusDir), encoder));
            out.print(cv.report());
            List<String> failures = new ArrayList<>();
            check(failures, "cross-validated macro-F1", cv.modelMacroF1(), minMacroF1);
            failures.forEach(f -> out.println("BELOW FLOOR: " + f));
            out.flush();
            return failures.isEmpty() ? 0 : 1;
        }
        Corpus corpus = Corpus.load(corpusDir);
        ArchiveRun.Result result = ArchiveRun.run(config, taxonomy, List.of(corpus.articles().toString()), List.of(),
                spec.commandLine().getErr());
        List<Prediction> predictions = result.enriched().stream().map(EvaluateCommand::prediction).toList();
        Evaluation evaluation = Evaluation.of(corpus.labels(), predictions, taxonomy.labelNames());
        out.println("evaluate: " + corpus.labels().size() + " labelled articles, classifier "
                + (result.enriched().isEmpty() ? "?" : result.enriched().get(0).getClassifierVersion()));
        out.print(evaluation.report());
        List<RawArticle> articles = corpus.parse(new ArticleParser(config.maxArticleBytes(), config.maxTitleChars()), Instant.EPOCH)
                .stream().map(Corpus.Entry::article).toList();
        // Counted by classifying the corpus again outside the pipeline: its encodings cost a second or two per hundred.
        SlowPathShare.of(config, taxonomy, articles).ifPresent(c -> out.printf(Locale.ROOT,
                "classifier slow path (context model): %d of %d articles (%.1f %%)%n", c.slowPath(), c.articles(),
                100 * c.slowShare()));
        List<String> failures = belowFloors(evaluation);
        failures.forEach(f -> out.println("BELOW FLOOR: " + f));
        out.flush();
        return failures.isEmpty() ? 0 : 1;
    }

    private List<String> belowFloors(Evaluation e) {
        List<String> failures = new ArrayList<>();
        check(failures, "macro-F1", e.macroF1(), minMacroF1);
        check(failures, "no-topic left unlabelled", e.noTopicUnlabelledShare(), minUnlabelled);
        check(failures, "syndication precision", e.dedup().precision(), minDedupPrecision);
        check(failures, "syndication recall", e.dedup().recall(), minDedupRecall);
        return failures;
    }

    private static void check(List<String> failures, String what, double value, double floor) {
        if (value < floor) {
            failures.add(String.format(Locale.ROOT, "%s %.3f < %.3f", what, value, floor));
        }
    }

    private static Prediction prediction(EnrichedArticle a) {
        String origin = a.getOrigin();
        int line = origin.indexOf('#');
        String file = Path.of(line < 0 ? origin : origin.substring(0, line)).getFileName().toString();
        return new Prediction(file, a.getTopics().stream().map(TopicScore::getLabel).collect(Collectors.toSet()),
                a.getDedup().getClusterId());
    }
}
