package io.newsstream.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.normalize.CanonicalTokens;
import io.newsstream.normalize.NormalizedArticle;
import io.newsstream.normalize.TextNormalizer;
import io.newsstream.normalize.Token;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The classifier's slow path: the sentence encoder, the context model, its training and its use. */
class ContextModelTest {

    private static final String DIPLOMACY = "Foreign ministers of the two governments met at the embassy to negotiate "
            + "a treaty ending their border dispute, and the envoys agreed to lift sanctions.";
    private static final String WEATHER = "Heavy rain flooded the valley overnight and the county fair was postponed "
            + "until the weekend, when sunshine is expected to return.";

    private final TextNormalizer normalizer = new TextNormalizer();
    private final KeywordClassifier rules = new KeywordClassifier(Taxonomy.builtIn());

    @Test
    void shouldEncodeRelatedPassagesCloserThanUnrelatedOnes() {
        SentenceEncoder encoder = MiniLmEncoder.shared();
        float[] a = encoder.encode("Border agents seized fentanyl hidden in a truck at the crossing.");
        float[] b = encoder.encode("Customs officers found smuggled drugs in a lorry at the frontier.");
        float[] c = encoder.encode("The orchestra played Mozart to a full concert hall.");
        assertEquals(encoder.dimensions(), a.length);
        assertEquals(1.0, dot(a, a), 1e-3, "unit length");
        assertTrue(dot(a, b) > dot(a, c) + 0.2, dot(a, b) + " vs " + dot(a, c));
        assertArrayEquals(a, encoder.encode("Border agents seized fentanyl hidden in a truck at the crossing."));
    }

    @Test
    void shouldTakeTheLedeAsTheHeadlineAndTheFirstTokensOfTheBody() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            body.append("word").append(i).append(i % 10 == 9 ? ". " : " ");
        }
        NormalizedArticle article = normalizer.normalize("Envoys meet again", body.toString());
        String text = article.fullText();
        List<Token> tokens = CanonicalTokens.withOffsets(text);
        int end = ContextModel.ledeEnd(tokens, article.title().length(), 64);
        assertTrue(text.substring(0, end).startsWith("Envoys meet again"), text.substring(0, end));
        assertTrue(text.substring(0, end).endsWith("word63"), text.substring(0, end));
        NormalizedArticle shortOne = normalizer.normalize("Brief", "Only five words are here.");
        List<Token> few = CanonicalTokens.withOffsets(shortOne.fullText());
        assertEquals(shortOne.fullText().length() - 1, ContextModel.ledeEnd(few, shortOne.title().length(), 64),
                "a text shorter than the lede ends at its last word");
        assertEquals(0, ContextModel.ledeEnd(List.of(), 0, 64));
    }

    /**
     * A model whose linear part is unsure of foreign-policy (0.6, inside the band) and sure there is no
     * border-security or cartels (0.02): the context model, pointed at a diplomacy passage, decides.
     */
    private LinearModel unsureOfForeignPolicy(SentenceEncoder encoder) {
        List<LinearModel.Label> labels = new ArrayList<>();
        List<ContextModel.Label> context = new ArrayList<>();
        float[] towardsDiplomacy = encoder.encode(DIPLOMACY);
        for (int k = 0; k < towardsDiplomacy.length; k++) {
            towardsDiplomacy[k] *= 12;
        }
        for (String label : rules.taxonomy().labelNames()) {
            boolean unsure = label.equals("foreign-policy");
            double p = unsure ? 0.6 : 0.02;
            labels.add(new LinearModel.Label(label, new float[ArticleFeatures.DIMENSIONS], Math.log(p / (1 - p)), 1, 0, 0.8));
            context.add(new ContextModel.Label(unsure ? towardsDiplomacy : new float[towardsDiplomacy.length], 1, -6));
        }
        return new LinearModel(labels, new ContextModel(encoder.name(), 64, 0.5, 0.85, context));
    }

    @Test
    void shouldDecideUncertainLabelsFromTheLedeAndCiteIt() {
        SentenceEncoder encoder = MiniLmEncoder.shared();
        LearnedClassifier classifier = new LearnedClassifier(rules, unsureOfForeignPolicy(encoder), encoder);
        assertTrue(classifier.hasSlowPath());
        assertTrue(classifier.version().startsWith("linear-1+" + MiniLmEncoder.NAME + "/"), classifier.version());

        NormalizedArticle talks = normalizer.normalize("Talks resume", DIPLOMACY);
        LabelScore policy = byLabel(classifier.classify(talks, CanonicalTokens.withOffsets(talks.fullText())), "foreign-policy");
        assertTrue(policy.assigned(), policy.toString());
        assertTrue(policy.score() >= 0.8, policy.toString());
        LabelScore.TermMatch lede = policy.evidence().stream().filter(m -> m.start() == 0).findFirst().orElseThrow();
        assertEquals(talks.fullText().substring(0, lede.end()), lede.text());
        assertTrue(lede.text().startsWith("Talks resume") && lede.weight() > 0, lede.toString());

        NormalizedArticle rain = normalizer.normalize("Fair postponed", WEATHER);
        List<LabelScore> scores = classifier.classify(rain, CanonicalTokens.withOffsets(rain.fullText()));
        assertFalse(byLabel(scores, "foreign-policy").assigned(), scores.toString());
        assertTrue(byLabel(scores, "foreign-policy").score() < 0.6, "the lede lowered the uncertain score: " + scores);
        assertEquals(0.02, byLabel(scores, "cartels").score(), 1e-9, "a certain score stays the linear model's");
        assertEquals(new LearnedClassifier.PathCounts(2, 2), classifier.pathCounts());

        LearnedClassifier fastOnly = new LearnedClassifier(rules, unsureOfForeignPolicy(encoder));
        assertFalse(fastOnly.hasSlowPath());
        assertTrue(fastOnly.version().startsWith("linear-1/"), fastOnly.version());
        assertEquals(0.6, byLabel(fastOnly.classify(talks, CanonicalTokens.withOffsets(talks.fullText())), "foreign-policy").score(), 1e-9);
    }

    @Test
    void shouldWriteAndReadTheContextModelWithTheLinearOne() throws IOException {
        LinearModel model = unsureOfForeignPolicy(MiniLmEncoder.shared());
        LinearModel read = LinearModel.read(new ByteArrayInputStream(model.toBytes()), "test");
        assertEquals(model.hash(), read.hash());
        ContextModel written = model.context().orElseThrow();
        ContextModel back = read.context().orElseThrow();
        assertEquals(written.encoder(), back.encoder());
        assertEquals(written.bandLow(), back.bandLow());
        assertEquals(written.bandHigh(), back.bandHigh());
        assertArrayEquals(written.labels().get(2).weights(), back.labels().get(2).weights());
        assertTrue(read.withoutContext().context().isEmpty());
        assertEquals(1, formatOf(model.withoutContext().toBytes()), "without a context model, the format older releases read");
        assertEquals(2, formatOf(model.toBytes()));
    }

    private static int formatOf(byte[] file) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(file)))) {
            in.readInt();
            return in.readInt();
        }
    }

    @Test
    void shouldSolveASymmetricPositiveDefiniteSystemFromItsLowerTriangle() {
        // a = [[4, 2, 0], [2, 5, 1], [0, 1, 3]] (upper triangle left as garbage: not read), x = [1, -1, 2].
        double[][] a = {{4, 99, 99}, {2, 5, 99}, {0, 1, 3}};
        double[] x = ContextTraining.solve(a, new double[] {2, -1, 5});
        assertArrayEquals(new double[] {1, -1, 2}, x, 1e-12);
        assertThrows(IllegalStateException.class, () -> ContextTraining.solve(new double[][] {{1, 0}, {2, 1}}, new double[] {1, 1}));
    }

    /**
     * Most stories are told apart by their words; in one pair in sixteen the words say nothing and only the ledes do (the
     * vectors are written by the test: the lede of a foreign-policy article points one way, any other the other).
     */
    private List<Training.Example> examples() {
        List<String> treaty = List.of("envoys", "treaty", "ministers", "summit", "embassy", "accord");
        List<String> other = List.of("rainfall", "league", "orchard", "festival", "bakery", "choir");
        List<String> neutral = List.of("officials", "meeting", "statement", "week", "city", "plans");
        List<Training.Example> examples = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean positive = i % 2 == 0;
            boolean ambiguous = i / 2 % 16 == 0;
            List<String> words = ambiguous ? neutral : positive ? treaty : other;
            StringBuilder body = new StringBuilder();
            int pair = i / 2; // articles 2k and 2k + 1, one with the label and one without, have the same words
            for (int s = 0; s < 5; s++) {
                body.append("The ").append(words.get((pair + s) % 6)).append(" and the ").append(words.get((pair + 2 * s + 1) % 6))
                        .append(" were discussed on day ").append(s).append(". ");
            }
            NormalizedArticle text = normalizer.normalize("Report " + i, body.toString());
            List<Token> tokens = CanonicalTokens.withOffsets(text.fullText());
            float[] lede = new float[8];
            lede[positive ? 0 : 1] = 0.05f;
            lede[2 + i % 6] = 0.02f;
            examples.add(new Training.Example(ArticleFeatures.of(tokens, text.title().length(), rules.classify(text, tokens)),
                    positive ? Set.of("foreign-policy") : Set.of(), "story-" + i, lede));
        }
        return examples;
    }

    @Test
    void shouldTrainAContextModelThatRecoversWhatTheWordsCannotTell() {
        Training.Result result = new Training(rules.taxonomy().labelNames(), "test-encoder").fit(examples());
        ContextTraining.Outcome context = result.context();
        assertNotNull(context.model(), result.report());
        assertEquals("test-encoder", context.model().encoder());
        assertTrue(context.slowShare() > 0, result.report());
        double fast = context.fast().get(2).f1();
        double combined = context.combined().get(2).f1();
        assertTrue(combined > fast, result.report());
        assertTrue(result.report().contains("articles on the slow path"), result.report());
        assertTrue(result.model().context().isPresent());

        Training.Result again = new Training(rules.taxonomy().labelNames(), "test-encoder").fit(examples());
        assertArrayEquals(result.model().toBytes(), again.model().toBytes(), "the same vectors give the same model");
        assertNull(new Training(rules.taxonomy().labelNames()).fit(examples()).context(), "no encoder, no context model");
    }

    private static LabelScore byLabel(List<LabelScore> scores, String label) {
        return scores.stream().filter(s -> s.label().equals(label)).findFirst().orElseThrow();
    }

    private static double dot(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }
}
