package io.newsstream.cli;

import io.newsstream.classify.ArticleFeatures;
import io.newsstream.classify.ContextModel;
import io.newsstream.classify.KeywordClassifier;
import io.newsstream.classify.MiniLmEncoder;
import io.newsstream.classify.SentenceEncoder;
import io.newsstream.classify.Taxonomy;
import io.newsstream.classify.Training;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.evaluate.Corpus;
import io.newsstream.ingest.ArticleParser;
import io.newsstream.normalize.CanonicalTokens;
import io.newsstream.normalize.NormalizedArticle;
import io.newsstream.normalize.TextNormalizer;
import io.newsstream.normalize.Token;
import io.newsstream.schema.RawArticle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsstream train}: fits the topic classifier's model from labelled corpora. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Fit the topic classifier (a calibrated linear model over words, word pairs and the taxonomy "
            + "rules' scores, and a context model that reads the lede with a sentence encoder when the linear score is "
            + "uncertain) from labelled corpora (folders with articles/ and labels.jsonl), choosing its settings by "
            + "cross-validation grouped by story, print the cross-validated figures and write the model.",
            "Use the model with --model FILE (or classifier.model) on any command that classifies."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--corpus", required = true, paramLabel = "DIR", description = "Labelled corpus folder (repeatable).")
    List<Path> corpora;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Where to write the model.")
    Path out;

    @Option(names = "--learning-curve", description = "Also cross-validate on a quarter, a half and three quarters of the "
            + "stories, beside all of them, to see how many examples a label needs.")
    boolean learningCurve;

    @Option(names = "--no-context", description = "Train the linear model alone, without the context model (faster "
            + "training; every article then takes the fast path).")
    boolean noContext;

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        NewsstreamConfig config = options.build(null);
        Taxonomy taxonomy = Taxonomy.load(config.taxonomyFile());
        KeywordClassifier rules = new KeywordClassifier(taxonomy);
        SentenceEncoder encoder = noContext ? null : MiniLmEncoder.shared();
        List<Training.Example> examples = examples(config, rules, corpora, encoder);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("train: %d labelled articles from %s, taxonomy %s, labels %s%n", examples.size(), corpora,
                taxonomy.fingerprint(), taxonomy.labelNames());
        warnAboutLabels(spec.commandLine().getErr(), taxonomy.labelNames(), examples);
        Training training = new Training(taxonomy.labelNames(), encoder == null ? null : encoder.name());
        Training.Result result = training.fit(examples);
        if (learningCurve) {
            printLearningCurve(stdout, training, examples, result);
        }
        stdout.print(result.report());
        Files.write(out, result.model().toBytes());
        stdout.printf("wrote %s: model %s (%d bytes)%n", out, result.model().hash(), Files.size(out));
        stdout.flush();
        return 0;
    }

    /** A label without examples scores a meaningless perfect F1; corpus labels outside the taxonomy are not learned. */
    private static void warnAboutLabels(PrintWriter err, List<String> labels, List<Training.Example> examples) {
        for (String label : labels) {
            if (examples.stream().noneMatch(e -> e.labels().contains(label))) {
                err.printf("train: warning: no article is labelled %s: the model cannot learn it and its figures mean nothing%n", label);
            }
        }
        Set<String> unknown = new TreeSet<>();
        examples.forEach(e -> e.labels().stream().filter(l -> !labels.contains(l)).forEach(unknown::add));
        if (!unknown.isEmpty()) {
            err.printf("train: warning: labels %s are not in the taxonomy and are ignored: add them to it to learn them%n", unknown);
        }
        err.flush();
    }

    /** Cross-validated macro-F1 on growing shares of the stories (taken in a fixed order of their hashes). */
    private static void printLearningCurve(PrintWriter out, Training training, List<Training.Example> examples,
                                           Training.Result all) {
        List<String> stories = examples.stream().map(Training.Example::group).distinct()
                .sorted(Comparator.comparingInt(String::hashCode).thenComparing(g -> g)).toList();
        out.println("learning curve (grouped cross-validation on a share of the stories):");
        out.printf("%-8s %8s %8s  %s%n", "stories", "articles", "macro-F1", "positives and F1 per label");
        for (double share : new double[] {0.25, 0.5, 0.75}) {
            Set<String> kept = new HashSet<>(stories.subList(0, (int) Math.round(stories.size() * share)));
            if (kept.size() < 2 * Training.FOLDS) {
                continue; // too few stories to cross-validate
            }
            List<Training.Example> subset = examples.stream().filter(e -> kept.contains(e.group())).toList();
            printCurvePoint(out, kept.size(), subset.size(), training.fit(subset));
        }
        printCurvePoint(out, stories.size(), examples.size(), all);
    }

    private static void printCurvePoint(PrintWriter out, int stories, int articles, Training.Result r) {
        StringBuilder perLabel = new StringBuilder();
        for (Training.LabelReport l : r.crossValidated()) {
            perLabel.append(String.format(Locale.ROOT, "%s %d %.3f  ", l.label(), l.truePositives() + l.falseNegatives(), l.f1()));
        }
        out.printf(Locale.ROOT, "%-8d %8d %8.3f  %s%n", stories, articles, r.macroF1(), perLabel.toString().strip());
    }

    /**
     * Every labelled article as the classifier sees it, with its lede's vector when an encoder is given. Its group
     * is its story qualified by its corpus folder's name (two corpora may reuse story ids): the folds, and so the
     * model, depend on those names.
     */
    static List<Training.Example> examples(NewsstreamConfig config, KeywordClassifier rules, List<Path> corpora,
                                           SentenceEncoder encoder) {
        ArticleParser parser = new ArticleParser(config.maxArticleBytes(), config.maxTitleChars());
        TextNormalizer normalizer = new TextNormalizer();
        List<Training.Example> examples = new ArrayList<>();
        for (Path dir : corpora) {
            String name = dir.toAbsolutePath().normalize().getFileName() + "/";
            for (Corpus.Entry e : Corpus.load(dir).parse(parser, Instant.EPOCH)) {
                RawArticle raw = e.article();
                NormalizedArticle text = normalizer.normalize(raw.getTitle(), raw.getBody());
                List<Token> tokens = CanonicalTokens.withOffsets(text.fullText());
                ArticleFeatures.Vector x = ArticleFeatures.of(tokens, text.title().length(), rules.classify(text, tokens));
                float[] lede = encoder == null ? null : encoder.encode(text.fullText().substring(0,
                        ContextModel.ledeEnd(tokens, text.title().length(), Training.LEDE_TOKENS)));
                examples.add(new Training.Example(x, e.label().topics(), name + e.label().story(), lede));
            }
        }
        return examples;
    }
}
