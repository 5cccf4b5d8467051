package io.newsstream.classify;

import io.newsstream.normalize.NormalizedArticle;
import io.newsstream.normalize.Token;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Topic classification by a learned, calibrated linear model ({@link LinearModel}) over the article's words, word
 * pairs and the taxonomy rules' scores ({@link ArticleFeatures}). A label is assigned when its calibrated score
 * reaches the label's threshold; its evidence is what weighed most for it: the rule matches when the rules
 * counted, and the words and word pairs with the largest contributions, each with its character offsets.
 * <p>
 * With a sentence encoder and a model that has a {@link ContextModel}, a label whose score is uncertain takes the
 * slow path: the encoder reads the lede, and the context model decides the label from it and the linear score;
 * the lede then joins the evidence, weighted by what it added. Thread-safe; pure but for the counts of articles
 * on each path.
 */
public final class LearnedClassifier implements TopicClassifier {

    /** The model built into the application, trained on the labelled corpora (see README, Classification). */
    public static final String BUILT_IN_MODEL = "/io/newsstream/classify/topics.model";

    private static final int MAX_EVIDENCE = 8;

    private final KeywordClassifier rules;
    private final LinearModel model;
    private final ContextModel context;
    private final SentenceEncoder encoder;
    private final LongAdder articles = new LongAdder();
    private final LongAdder slowPath = new LongAdder();

    /**
     * The linear model alone: a context model in it is not used.
     *
     * @throws IllegalArgumentException when the model was trained for other labels than the taxonomy's
     */
    public LearnedClassifier(KeywordClassifier rules, LinearModel model) {
        this(rules, model, null);
    }

    /**
     * @param encoder the sentence encoder for the model's context model; null to use the linear model alone
     * @throws IllegalArgumentException when the model was trained for other labels than the taxonomy's, or its
     *                                  context model for another encoder
     */
    public LearnedClassifier(KeywordClassifier rules, LinearModel model, SentenceEncoder encoder) {
        this.rules = rules;
        this.model = model;
        List<String> expected = rules.taxonomy().labelNames();
        if (!expected.equals(model.labelNames())) {
            throw new IllegalArgumentException("the classifier model " + model.hash() + " was trained for labels "
                    + model.labelNames() + " but the taxonomy has " + expected
                    + ": train a model for this taxonomy with `newsstream train`");
        }
        this.context = encoder == null ? null : model.context().orElse(null);
        this.encoder = context == null ? null : encoder;
        if (context != null && (!context.encoder().equals(encoder.name()) || context.dimensions() != encoder.dimensions())) {
            throw new IllegalArgumentException("the classifier model " + model.hash() + " has a context model for the "
                    + "encoder " + context.encoder() + " (" + context.dimensions() + " dimensions), not " + encoder.name()
                    + " (" + encoder.dimensions() + "): train it again with `newsstream train`");
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
        return "linear-1" + (context == null ? "" : "+" + context.encoder()) + "/" + model.hash() + "/"
                + rules.taxonomy().fingerprint();
    }

    /** Whether uncertain labels take the slow path. */
    public boolean hasSlowPath() {
        return context != null;
    }

    /**
     * Articles classified since this classifier was made, and how many of them took the slow path.
     *
     * @param slowPath of {@code articles}, those the sentence encoder read
     */
    public record PathCounts(long articles, long slowPath) {

        /** Share of the articles on the slow path (0 when none were classified). */
        public double slowShare() {
            return articles == 0 ? 0 : (double) slowPath / articles;
        }
    }

    public PathCounts pathCounts() {
        return new PathCounts(articles.sum(), slowPath.sum());
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
        int labels = model.labels().size();
        double[] score = new double[labels];
        boolean uncertain = false;
        for (int l = 0; l < labels; l++) {
            score[l] = model.labels().get(l).calibrated(margins[l]);
            uncertain |= context != null && context.inBand(score[l]);
        }
        articles.increment();
        int ledeEnd = uncertain ? ContextModel.ledeEnd(tokens, article.title().length(), context.ledeTokens()) : 0;
        float[] lede = uncertain ? encoder.encode(text.substring(0, ledeEnd)) : null;
        if (uncertain) {
            slowPath.increment();
        }
        List<LabelScore> scores = new ArrayList<>(labels);
        for (int l = 0; l < labels; l++) {
            LinearModel.Label label = model.labels().get(l);
            boolean slow = lede != null && context.inBand(score[l]);
            double p = slow ? context.probability(l, lede, score[l]) : score[l];
            boolean assigned = p >= label.threshold();
            List<LabelScore.TermMatch> evidence = List.of();
            if (assigned) {
                evidence = evidence(l, x, ruleScores, tokens, text);
                // What the slow path changed: the log-odds it gave against the linear model's.
                double added = slow ? ContextModel.logOdds(p) - ContextModel.logOdds(score[l]) : 0;
                if (added > 0) {
                    evidence = withLede(evidence, new LabelScore.TermMatch(text.substring(0, ledeEnd), 0, ledeEnd, round(added)));
                }
            }
            scores.add(new LabelScore(label.name(), round(p), assigned, evidence));
        }
        return scores;
    }

    private static List<LabelScore.TermMatch> withLede(List<LabelScore.TermMatch> evidence, LabelScore.TermMatch lede) {
        List<LabelScore.TermMatch> all = new ArrayList<>(evidence);
        all.add(lede);
        all.sort(Comparator.comparingDouble(LabelScore.TermMatch::weight).reversed());
        return List.copyOf(all.subList(0, Math.min(MAX_EVIDENCE, all.size())));
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
