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
        Training.Result result = new Training(taxonomy.labelNames()).fit(examples);
        stdout.print(result.report());
        Files.write(out, result.model().toBytes());
        stdout.printf("wrote %s: model %s (%d bytes)%n", out, result.model().hash(), Files.size(out));
        stdout.flush();
        return 0;
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
