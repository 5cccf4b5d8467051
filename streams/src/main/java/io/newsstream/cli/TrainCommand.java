package io.newsstream.cli;

import io.newsstream.classify.ArticleFeatures;
import io.newsstream.classify.KeywordClassifier;
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
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsstream train}: fits the topic classifier's model from labelled corpora. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Fit the topic classifier (a calibrated linear model over words, word pairs and the taxonomy "
            + "rules' scores) from labelled corpora (folders with articles/ and labels.jsonl), choosing its settings by "
            + "cross-validation grouped by story, print the cross-validated figures and write the model.",
            "Use the model with --model FILE (or classifier.model) on any command that classifies."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--corpus", required = true, paramLabel = "DIR", description = "Labelled corpus folder (repeatable).")
    List<Path> corpora;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Where to write the model.")
    Path out;

    @Option(names = "--learning-curve", description = "Also cross-validate on a quarter, a half and three quarters of the "
            + "stories, to see how many examples a label needs.")
    boolean learningCurve;

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        NewsstreamConfig config = options.build(null);
        Taxonomy taxonomy = Taxonomy.load(config.taxonomyFile());
        KeywordClassifier rules = new KeywordClassifier(taxonomy);
        List<Training.Example> examples = examples(config, rules, corpora);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("train: %d labelled articles from %s, taxonomy %s, labels %s%n", examples.size(), corpora,
                taxonomy.fingerprint(), taxonomy.labelNames());
        if (learningCurve) {
            printLearningCurve(stdout, taxonomy.labelNames(), examples);
        }
        Training.Result result = new Training(taxonomy.labelNames()).fit(examples);
        stdout.print(result.report());
        Files.write(out, result.model().toBytes());
        stdout.printf("wrote %s: model %s (%d bytes)%n", out, result.model().hash(), Files.size(out));
        stdout.flush();
        return 0;
    }

    /** Cross-validated macro-F1 on growing shares of the stories (taken in a fixed order of their hashes). */
    private static void printLearningCurve(PrintWriter out, List<String> labels, List<Training.Example> examples) {
        List<String> stories = examples.stream().map(Training.Example::group).distinct()
                .sorted(java.util.Comparator.comparingInt(String::hashCode).thenComparing(g -> g)).toList();
        out.println("learning curve (grouped cross-validation on a share of the stories):");
        out.printf("%-8s %8s %8s  %s%n", "stories", "articles", "macro-F1", "positives and F1 per label");
        for (double share : new double[] {0.25, 0.5, 0.75, 1.0}) {
            java.util.Set<String> kept = new java.util.HashSet<>(stories.subList(0, (int) Math.round(stories.size() * share)));
            List<Training.Example> subset = examples.stream().filter(e -> kept.contains(e.group())).toList();
            Training.Result r = new Training(labels).fit(subset);
            StringBuilder perLabel = new StringBuilder();
            for (Training.LabelReport l : r.crossValidated()) {
                perLabel.append(String.format(java.util.Locale.ROOT, "%s %d %.3f  ", l.label(),
                        l.truePositives() + l.falseNegatives(), l.f1()));
            }
            out.printf(java.util.Locale.ROOT, "%-8d %8d %8.3f  %s%n", kept.size(), subset.size(), r.macroF1(), perLabel.toString().strip());
        }
    }

    /** Every labelled article as the classifier sees it; its story, qualified by its corpus, is its group. */
    static List<Training.Example> examples(NewsstreamConfig config, KeywordClassifier rules, List<Path> corpora) {
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
                examples.add(new Training.Example(x, e.label().topics(), name + e.label().story()));
            }
        }
        return examples;
    }
}
