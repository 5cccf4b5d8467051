package io.newsstream.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newsstream.cli.Newsstream;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.normalize.CanonicalTokens;
import io.newsstream.normalize.NormalizedArticle;
import io.newsstream.normalize.TextNormalizer;
import io.newsstream.normalize.Token;
import io.newsstream.pipeline.Pipeline;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learned classifier: training, calibration, evidence, the model file, and the built-in model's provenance. */
class LearnedClassifierTest {

    private static final Path SHARED = Path.of("../../shared/corpus");

    private final TextNormalizer normalizer = new TextNormalizer();
    private final KeywordClassifier rules = new KeywordClassifier(Taxonomy.builtIn());

    @TempDir
    Path dir;

    /** Articles written for this test: harbour stories are foreign-policy, the rest (weather, sport) none. */
    private static final List<String> TREATY = List.of("envoys", "treaty", "ministers", "summit", "embassy", "accord",
            "negotiators", "diplomats", "sanctions", "delegation");
    private static final List<String> OTHER = List.of("rainfall", "league", "orchard", "festival", "bakery", "choir",
            "marathon", "harvest", "gallery", "tides");

    private Training.Example example(String title, String body, Set<String> labels, String story) {
        NormalizedArticle text = normalizer.normalize(title, body);
        List<Token> tokens = CanonicalTokens.withOffsets(text.fullText());
        return new Training.Example(ArticleFeatures.of(tokens, text.title().length(), rules.classify(text, tokens)), labels, story);
    }

    private static String body(List<String> words, int seed) {
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < 6; s++) {
            b.append("On Tuesday the ").append(words.get((seed + s) % words.size())).append(" and the ")
                    .append(words.get((seed + 3 * s + 1) % words.size())).append(" met in the town hall for hours. ");
        }
        return b.toString();
    }

    private List<Training.Example> examples() {
        List<Training.Example> examples = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            examples.add(example("Talks " + i, body(TREATY, i), Set.of("foreign-policy"), "treaty-" + i));
            examples.add(example("Weekend " + i, body(OTHER, i), Set.of(), "other-" + i));
        }
        return examples;
    }

    private LearnedClassifier trained() {
        return new LearnedClassifier(rules, new Training(rules.taxonomy().labelNames()).fit(examples()).model());
    }

    @Test
    void shouldLearnALabelFromExamplesAndLeaveTheOthersUnassigned() {
        LearnedClassifier classifier = trained();
        NormalizedArticle treaty = normalizer.normalize("Envoys meet", "The envoys and the negotiators signed an accord at the embassy.");
        NormalizedArticle weather = normalizer.normalize("Wet weekend", "The rainfall delayed the marathon and the harvest festival.");
        Map<String, LabelScore> t = byLabel(classifier.classify(treaty, CanonicalTokens.withOffsets(treaty.fullText())));
        Map<String, LabelScore> w = byLabel(classifier.classify(weather, CanonicalTokens.withOffsets(weather.fullText())));
        assertTrue(t.get("foreign-policy").assigned(), t.toString());
        assertFalse(w.get("foreign-policy").assigned(), w.toString());
        assertTrue(t.get("foreign-policy").score() > w.get("foreign-policy").score());
        assertTrue(classifier.version().startsWith("linear-1/"), classifier.version());
    }

    @Test
    void shouldPointItsEvidenceAtTheWordsThatWeighedMost() {
        LearnedClassifier classifier = trained();
        NormalizedArticle treaty = normalizer.normalize("Envoys meet", "The envoys and the negotiators signed an accord at the embassy.");
        String text = treaty.fullText();
        LabelScore label = byLabel(classifier.classify(treaty, CanonicalTokens.withOffsets(text))).get("foreign-policy");
        assertFalse(label.evidence().isEmpty());
        for (LabelScore.TermMatch m : label.evidence()) {
            assertEquals(m.text(), text.substring(m.start(), m.end()));
            assertTrue(m.weight() > 0, m.toString());
        }
        assertTrue(label.evidence().stream().anyMatch(m -> TREATY.contains(m.text().toLowerCase())), label.evidence().toString());
    }

    @Test
    void shouldTrainTheSameModelByteForByteAndReadItBack() {
        LinearModel a = new Training(rules.taxonomy().labelNames()).fit(examples()).model();
        LinearModel b = new Training(rules.taxonomy().labelNames()).fit(examples()).model();
        assertArrayEquals(a.toBytes(), b.toBytes());
        LinearModel read = LinearModel.read(new ByteArrayInputStream(a.toBytes()), "test");
        assertEquals(a.hash(), read.hash());
        assertArrayEquals(a.labels().get(2).weights(), read.labels().get(2).weights());
    }

    @Test
    void shouldCalibrateOutOfFoldMarginsToProbabilities() {
        double[] margins = {-3, -2, -1, -0.5, 0.5, 1, 2, 3};
        boolean[] y = {false, false, false, true, false, true, true, true};
        double[] ab = Training.platt(margins, y);
        assertTrue(ab[0] > 0, "a larger margin means a likelier label");
        double low = 1 / (1 + Math.exp(-(ab[0] * -3 + ab[1])));
        double high = 1 / (1 + Math.exp(-(ab[0] * 3 + ab[1])));
        assertTrue(low < 0.2 && high > 0.8, low + " " + high);
    }

    @Test
    void shouldRefuseAModelTrainedForOtherLabelsAndReadTheRulesAloneOnRequest() {
        LinearModel model = new Training(List.of("a", "b")).fit(List.of(
                new Training.Example(ArticleFeatures.of(List.of(), 0, List.of()), Set.of("a"), "s1"),
                new Training.Example(ArticleFeatures.of(List.of(), 0, List.of()), Set.of("b"), "s2"))).model();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LearnedClassifier(rules, model));
        assertTrue(e.getMessage().contains("newsstream train"), e.getMessage());
        NewsstreamConfig config = NewsstreamConfig.builder().overrides(Map.of("classifier.model", "rules")).build();
        assertInstanceOf(KeywordClassifier.class, Pipeline.classifier(config, Taxonomy.builtIn()));
        assertInstanceOf(LearnedClassifier.class, Pipeline.classifier(NewsstreamConfig.defaultConfig(), Taxonomy.builtIn()));
    }

    @Test
    void shouldShipTheModelThatTrainingOnTheLabelledCorporaProduces() throws IOException {
        assumeTrue(Files.isDirectory(SHARED.resolve("dev/articles")) && Files.isDirectory(SHARED.resolve("train/articles")),
                "no ../shared/corpus in this checkout");
        Path model = dir.resolve("topics.model");
        int exit = Newsstream.commandLine().execute("train", "--corpus", SHARED.resolve("dev").toString(),
                "--corpus", SHARED.resolve("train").toString(), "--out", model.toString());
        assertEquals(0, exit);
        LinearModel trained;
        try (InputStream in = Files.newInputStream(model)) {
            trained = LinearModel.read(in, "trained");
        }
        LinearModel shipped = LearnedClassifier.builtInModel();
        String retrain = "the committed model is not what `newsstream train` produces: retrain it (see README, Classification)";
        assertArrayEquals(shipped.withoutContext().toBytes(), trained.withoutContext().toBytes(), retrain);
        // The context model's weights come from ONNX Runtime's vectors, whose last bits may differ between processors'
        // instruction sets: the same to a tolerance, with the same band.
        ContextModel a = shipped.context().orElseThrow();
        ContextModel b = trained.context().orElseThrow();
        assertEquals(a.bandLow(), b.bandLow(), retrain);
        assertEquals(a.bandHigh(), b.bandHigh(), retrain);
        for (int l = 0; l < a.labels().size(); l++) {
            assertEquals(a.labels().get(l).bias(), b.labels().get(l).bias(), 1e-3, retrain);
            assertEquals(a.labels().get(l).scoreWeight(), b.labels().get(l).scoreWeight(), 1e-3, retrain);
            float[] wa = a.labels().get(l).weights();
            float[] wb = b.labels().get(l).weights();
            for (int j = 0; j < wa.length; j++) {
                assertEquals(wa[j], wb[j], 1e-3 * (1 + Math.abs(wa[j])), retrain);
            }
        }
    }

    @Test
    void shouldTakeTheSlowPathUnlessConfiguredOff() {
        assertTrue(LearnedClassifier.builtInModel().context().isPresent(), "the built-in model has a context model");
        LearnedClassifier withIt = (LearnedClassifier) Pipeline.classifier(NewsstreamConfig.defaultConfig(), Taxonomy.builtIn());
        assertTrue(withIt.hasSlowPath());
        NewsstreamConfig off = NewsstreamConfig.builder().overrides(Map.of("classifier.context", "false")).build();
        LearnedClassifier without = (LearnedClassifier) Pipeline.classifier(off, Taxonomy.builtIn());
        assertFalse(without.hasSlowPath());
        assertTrue(without.version().startsWith("linear-1/"), without.version());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NewsstreamConfig.builder().overrides(Map.of("classifier.context", "no")).build());
        assertTrue(e.getMessage().contains("true or false"), e.getMessage());
    }

    private static Map<String, LabelScore> byLabel(List<LabelScore> scores) {
        Map<String, LabelScore> m = new java.util.HashMap<>();
        scores.forEach(s -> m.put(s.label(), s));
        return m;
    }
}
