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
        double[] margins = model.margins(x);
        List<LabelScore> scores = new ArrayList<>(model.labels().size());
        for (int l = 0; l < model.labels().size(); l++) {
            LinearModel.Label label = model.labels().get(l);
            double score = label.calibrated(margins[l]);
            boolean assigned = score >= label.threshold();
            List<LabelScore.TermMatch> evidence = assigned ? evidence(l, x, ruleScores, tokens, text) : List.of();
            scores.add(new LabelScore(label.name(), Math.round(score * 1000) / 1000.0, assigned, evidence));
        }
        return scores;
    }

    /** The matches and words that raised the label's margin most, each weighted by its contribution. */
    private List<LabelScore.TermMatch> evidence(int label, ArticleFeatures.Vector x, List<LabelScore> ruleScores,
                                                List<Token> tokens, String text) {
        // The few largest contributions first (a small ranked array: an article has hundreds of features).
        int[] top = new int[MAX_EVIDENCE];
        double[] topContribution = new double[MAX_EVIDENCE];
        int size = 0;
        for (int i = 0; i < x.index().length; i++) {
            double c = model.weight(label, x.index()[i]) * x.value()[i];
            if (c <= 0 || size == MAX_EVIDENCE && c <= topContribution[size - 1]) {
                continue;
            }
            int at = Math.min(size, MAX_EVIDENCE - 1);
            while (at > 0 && topContribution[at - 1] < c) {
                top[at] = top[at - 1];
                topContribution[at] = topContribution[at - 1];
                at--;
            }
            top[at] = i;
            topContribution[at] = c;
            size = Math.min(size + 1, MAX_EVIDENCE);
        }
        List<LabelScore.TermMatch> evidence = new ArrayList<>();
        for (int k = 0; k < size; k++) {
            int first = x.firstToken()[top[k]];
            if (first < 0) {
                // A label's rule score (this label's or another's): its contribution shared among the matches
                // behind it.
                LabelScore rule = ruleScores.get(-first - 1);
                double total = rule.evidence().stream().mapToDouble(LabelScore.TermMatch::weight).sum();
                for (LabelScore.TermMatch m : rule.evidence()) {
                    evidence.add(new LabelScore.TermMatch(m.text(), m.start(), m.end(), round(topContribution[k] * m.weight() / total)));
                }
                continue;
            }
            int from = first & ~ArticleFeatures.PAIR;
            int to = (first & ArticleFeatures.PAIR) != 0 ? from + 1 : from;
            int start = tokens.get(from).start();
            int end = tokens.get(to).end();
            evidence.add(new LabelScore.TermMatch(text.substring(start, end), start, end, round(topContribution[k])));
        }
        evidence.sort(Comparator.comparingDouble(LabelScore.TermMatch::weight).reversed());
        return List.copyOf(evidence.subList(0, Math.min(MAX_EVIDENCE, evidence.size())));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
