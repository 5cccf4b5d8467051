package io.newsstream.classify;

import io.newsstream.normalize.NormalizedArticle;
import io.newsstream.normalize.Token;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Topic classification by a learned, calibrated linear model ({@link LinearModel}) over the article's words, word
 * pairs and the taxonomy rules' scores ({@link ArticleFeatures}). A label is assigned when its calibrated score
 * reaches the label's threshold; its evidence is what weighed most for it: the rule matches when the rules
 * counted, and the words and word pairs with the largest contributions, each with its character offsets. Pure and
 * thread-safe.
 */
public final class LearnedClassifier implements TopicClassifier {

    /** The model built into the application, trained on the labelled corpora (see README, Classification). */
    public static final String BUILT_IN_MODEL = "/io/newsstream/classify/topics.model";

    private static final int MAX_EVIDENCE = 8;

    private final KeywordClassifier rules;
    private final LinearModel model;
    /** The model's label for each taxonomy label, in taxonomy order. */
    private final List<LinearModel.Label> byTaxonomyOrder;

    /**
     * @throws IllegalArgumentException when the model was trained for other labels than the taxonomy's
     */
    public LearnedClassifier(KeywordClassifier rules, LinearModel model) {
        this.rules = rules;
        this.model = model;
        List<String> expected = rules.taxonomy().labelNames();
        if (!expected.equals(model.labelNames())) {
            throw new IllegalArgumentException("the classifier model " + model.hash() + " was trained for labels "
                    + model.labelNames() + " but the taxonomy has " + expected
                    + ": train a model for this taxonomy with `newsstream train`");
        }
        this.byTaxonomyOrder = model.labels();
    }

    /** The built-in model, read from the application's resources. */
    public static LinearModel builtInModel() {
        try (InputStream in = LearnedClassifier.class.getResourceAsStream(BUILT_IN_MODEL)) {
            if (in == null) {
                throw new IllegalStateException("the built-in classifier model " + BUILT_IN_MODEL + " is missing from the jar");
            }
            return LinearModel.read(in, BUILT_IN_MODEL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String version() {
        return "linear-1/" + model.hash() + "/" + rules.taxonomy().fingerprint();
    }

    @Override
    public Taxonomy taxonomy() {
        return rules.taxonomy();
    }

    @Override
    public List<LabelScore> classify(NormalizedArticle article, List<Token> tokens) {
        List<LabelScore> ruleScores = rules.classify(article, tokens);
        ArticleFeatures.Vector x = ArticleFeatures.of(tokens, article.title().length(), ruleScores);
        String text = article.fullText();
        List<LabelScore> scores = new ArrayList<>(byTaxonomyOrder.size());
        for (int l = 0; l < byTaxonomyOrder.size(); l++) {
            LinearModel.Label label = byTaxonomyOrder.get(l);
            double score = label.calibrated(label.margin(x));
            boolean assigned = score >= label.threshold();
            List<LabelScore.TermMatch> evidence = assigned ? evidence(label, x, ruleScores.get(l), tokens, text) : List.of();
            scores.add(new LabelScore(label.name(), Math.round(score * 1000) / 1000.0, assigned, evidence));
        }
        return scores;
    }

    /** The matches and words that raised the label's margin most, each weighted by its contribution. */
    private static List<LabelScore.TermMatch> evidence(LinearModel.Label label, ArticleFeatures.Vector x, LabelScore rule,
                                                       List<Token> tokens, String text) {
        List<LabelScore.TermMatch> evidence = new ArrayList<>();
        float[] w = label.weights();
        for (int i = 0; i < x.index().length; i++) {
            double contribution = w[x.index()[i]] * x.value()[i];
            int first = x.firstToken()[i];
            if (contribution <= 0) {
                continue;
            }
            if (first < 0 && !rule.evidence().isEmpty()) {
                // The rules' score: its contribution shared among the matches behind it.
                double total = rule.evidence().stream().mapToDouble(LabelScore.TermMatch::weight).sum();
                for (LabelScore.TermMatch m : rule.evidence()) {
                    evidence.add(new LabelScore.TermMatch(m.text(), m.start(), m.end(), round(contribution * m.weight() / total)));
                }
                continue;
            }
            if (first < 0) {
                continue;
            }
            boolean pair = (first & ArticleFeatures.PAIR) != 0;
            int from = first & ~ArticleFeatures.PAIR;
            int to = pair ? from + 1 : from;
            int start = tokens.get(from).start();
            int end = tokens.get(to).end();
            evidence.add(new LabelScore.TermMatch(text.substring(start, end), start, end, round(contribution)));
        }
        evidence.sort(Comparator.comparingDouble(LabelScore.TermMatch::weight).reversed());
        return List.copyOf(evidence.subList(0, Math.min(MAX_EVIDENCE, evidence.size())));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
