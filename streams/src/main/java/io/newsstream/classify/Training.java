package io.newsstream.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Fits a {@link LinearModel} from labelled examples, choosing every setting by cross-validation grouped by story
 * (an article and its copies never sit on both sides of a split):
 * <ol>
 *   <li>per label, L2-regularised logistic regression by full-batch gradient descent with Nesterov momentum from
 *       zero weights — no randomness and strict floating point, so the same examples in the same order give the
 *       same model byte for byte on any machine;</li>
 *   <li>the regularisation strength with the best out-of-fold log-loss over all labels;</li>
 *   <li>calibration: Platt's sigmoid fitted to the out-of-fold margins;</li>
 *   <li>a threshold per label: the one with the best out-of-fold F0.5 of the calibrated scores. Precision weighs
 *       double: a label on an article about none of them costs a newsroom more than a missed one, and the product
 *       is judged on the no-topic articles left unlabelled as well as on F1 (on dev + train, F1 thresholds left
 *       79 of 92 no-topic articles unlabelled out of fold at macro-F1 0.963; F0.5 thresholds 87 at 0.948).</li>
 * </ol>
 * Pure.
 */
public final class Training {

    /**
     * One labelled article.
     *
     * @param group its story: cross-validation keeps a group on one side
     * @param lede  the sentence encoder's vector of its lede ({@link ContextModel#ledeEnd}), or null when no
     *              context model is trained
     */
    public record Example(ArticleFeatures.Vector features, Set<String> labels, String group, float[] lede) {

        public Example(ArticleFeatures.Vector features, Set<String> labels, String group) {
            this(features, labels, group, null);
        }
    }

    /** Out-of-fold figures of one label at its chosen threshold. */
    public record LabelReport(String label, double threshold, int truePositives, int falsePositives, int falseNegatives) {
        public double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        public double recall() {
            return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /**
     * The model and how it did in cross-validation.
     *
     * @param noTopicArticles           examples with none of the labels
     * @param noTopicLeftUnlabelled     of those, how many the out-of-fold predictions left without any label
     * @param context                   the context model's training, or null when none was trained
     */
    public record Result(LinearModel model, double lambda, List<LabelReport> crossValidated, int noTopicArticles,
                         int noTopicLeftUnlabelled, ContextTraining.Outcome context) {

        /** Out-of-fold macro-F1 of the linear model alone. */
        public double macroF1() {
            return crossValidated.stream().mapToDouble(LabelReport::f1).average().orElse(0);
        }

        /** Out-of-fold macro-F1 of what the model decides: both paths when it has a context model. */
        public double modelMacroF1() {
            return context == null || context.model() == null ? macroF1()
                    : context.combined().stream().mapToDouble(LabelReport::f1).average().orElse(0);
        }

        public String report() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "grouped %d-fold cross-validation (out-of-fold, calibrated), L2 %.0e:%n", FOLDS, lambda));
            out.append(String.format(Locale.ROOT, "%-22s %9s %9s %9s %9s%n", "label", "threshold", "precision", "recall", "F1"));
            for (LabelReport r : crossValidated) {
                out.append(String.format(Locale.ROOT, "%-22s %9.2f %9.3f %9.3f %9.3f%n", r.label(), r.threshold(),
                        r.precision(), r.recall(), r.f1()));
            }
            out.append(String.format(Locale.ROOT, "%-22s %39.3f%n", "macro-F1", macroF1()));
            out.append(String.format(Locale.ROOT, "no-topic articles left unlabelled: %d/%d%n", noTopicLeftUnlabelled,
                    noTopicArticles));
            return context == null ? out.toString() : out.append(context.report()).toString();
        }
    }

    public static final int FOLDS = 5;
    /** Tokens after the headline that the context model's lede takes ({@link ContextModel#ledeEnd}). */
    public static final int LEDE_TOKENS = ContextTraining.LEDE_TOKENS;
    private static final double[] LAMBDAS = {1e-5, 3e-5, 1e-4, 3e-4, 1e-3};
    private static final int ITERATIONS = 400;

    private final List<String> labels;
    private final String encoder;

    /** Trains the linear model alone. */
    public Training(List<String> labels) {
        this(labels, null);
    }

    /**
     * Trains the linear model and, when every example carries its lede vector, the context model for the
     * encoder named.
     */
    public Training(List<String> labels, String encoder) {
        this.labels = List.copyOf(labels);
        this.encoder = encoder;
    }

    public Result fit(List<Example> examples) {
        double[][][] margins = new double[LAMBDAS.length][][];
        double bestLoss = Double.MAX_VALUE;
        int best = 0;
        for (int k = 0; k < LAMBDAS.length; k++) {
            margins[k] = outOfFold(examples, LAMBDAS[k]);
            double loss = 0;
            for (int l = 0; l < labels.size(); l++) {
                loss += logLoss(margins[k][l], targets(examples, labels.get(l)));
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                best = k;
            }
        }
        double lambda = LAMBDAS[best];
        List<LinearModel.Label> fitted = new ArrayList<>();
        List<LabelReport> reports = new ArrayList<>();
        boolean[] anyAssigned = new boolean[examples.size()];
        double[][] outOfFold = new double[labels.size()][];
        for (int l = 0; l < labels.size(); l++) {
            boolean[] y = targets(examples, labels.get(l));
            double[] platt = platt(margins[best][l], y);
            double[] calibrated = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                calibrated[i] = sigmoid(platt[0] * margins[best][l][i] + platt[1]);
            }
            outOfFold[l] = calibrated;
            LabelReport report = bestThreshold(labels.get(l), calibrated, y);
            reports.add(report);
            for (int i = 0; i < y.length; i++) {
                anyAssigned[i] |= calibrated[i] >= report.threshold();
            }
            Weights w = logistic(examples, y, lambda, null);
            fitted.add(new LinearModel.Label(labels.get(l), w.weights, w.bias, platt[0], platt[1], report.threshold()));
        }
        int noTopic = 0;
        int leftUnlabelled = 0;
        for (int i = 0; i < examples.size(); i++) {
            if (examples.get(i).labels().stream().noneMatch(labels::contains)) {
                noTopic++;
                leftUnlabelled += anyAssigned[i] ? 0 : 1;
            }
        }
        ContextTraining.Outcome context = trainsContext(examples)
                ? ContextTraining.fit(encoder, labels, ledes(examples), allTargets(examples), outOfFold,
                        fitted.stream().mapToDouble(LinearModel.Label::threshold).toArray(), folds(examples), FOLDS)
                : null;
        return new Result(new LinearModel(fitted, context == null ? null : context.model()), lambda, reports, noTopic,
                leftUnlabelled, context);
    }

    private boolean trainsContext(List<Example> examples) {
        return encoder != null && !examples.isEmpty() && examples.stream().allMatch(e -> e.lede() != null);
    }

    private static float[][] ledes(List<Example> examples) {
        return examples.stream().map(Example::lede).toArray(float[][]::new);
    }

    private boolean[][] allTargets(List<Example> examples) {
        return labels.stream().map(l -> targets(examples, l)).toArray(boolean[][]::new);
    }

    private static int[] folds(List<Example> examples) {
        return examples.stream().mapToInt(Training::foldOf).toArray();
    }

    /** Each example's margin from the model fitted without its fold, per label. */
    private double[][] outOfFold(List<Example> examples, double lambda) {
        double[][] margins = new double[labels.size()][examples.size()];
        for (int fold = 0; fold < FOLDS; fold++) {
            boolean[] held = new boolean[examples.size()];
            for (int i = 0; i < examples.size(); i++) {
                held[i] = foldOf(examples.get(i)) == fold;
            }
            for (int l = 0; l < labels.size(); l++) {
                Weights w = logistic(examples, targets(examples, labels.get(l)), lambda, held);
                for (int i = 0; i < examples.size(); i++) {
                    if (held[i]) {
                        margins[l][i] = w.margin(examples.get(i).features());
                    }
                }
            }
        }
        return margins;
    }

    /** The fold of an example's story: the same for every article of it. */
    static int foldOf(Example e) {
        return Math.floorMod(e.group().hashCode(), FOLDS);
    }

    private static boolean[] targets(List<Example> examples, String label) {
        boolean[] y = new boolean[examples.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = examples.get(i).labels().contains(label);
        }
        return y;
    }

    private record Weights(float[] weights, double bias) {
        double margin(ArticleFeatures.Vector x) {
            double m = bias;
            for (int i = 0; i < x.index().length; i++) {
                m += weights[x.index()[i]] * x.value()[i];
            }
            return m;
        }
    }

    /**
     * Minimises mean log-loss + lambda/2 ‖w‖² (bias unregularised) over the examples not held out. The step is
     * the inverse of a bound on the loss's curvature (a quarter of the largest squared feature length, the bias
     * counted, plus lambda), so descent cannot overshoot whatever the number of labels' rule features.
     */
    private static Weights logistic(List<Example> examples, boolean[] y, double lambda, boolean[] heldOut) {
        int n = 0;
        double largestSquaredLength = 1;
        for (int i = 0; i < examples.size(); i++) {
            if (heldOut == null || !heldOut[i]) {
                n++;
                double squared = 1;
                for (float v : examples.get(i).features().value()) {
                    squared += v * v;
                }
                largestSquaredLength = Math.max(largestSquaredLength, squared);
            }
        }
        double step = 1 / (largestSquaredLength / 4 + lambda);
        double[] w = new double[ArticleFeatures.DIMENSIONS];
        double[] previous = new double[ArticleFeatures.DIMENSIONS];
        double[] look = new double[ArticleFeatures.DIMENSIONS];
        double[] gradient = new double[ArticleFeatures.DIMENSIONS];
        // Only the features some training example has can move from zero: the loops run over those alone.
        int[] active = activeFeatures(examples, heldOut);
        double bias = 0;
        double previousBias = 0;
        for (int t = 1; t <= ITERATIONS; t++) {
            double momentum = (t - 1.0) / (t + 2.0);
            for (int f : active) {
                look[f] = w[f] + momentum * (w[f] - previous[f]);
                gradient[f] = lambda * look[f];
            }
            double lookBias = bias + momentum * (bias - previousBias);
            double biasGradient = 0;
            for (int i = 0; i < examples.size(); i++) {
                if (heldOut != null && heldOut[i]) {
                    continue;
                }
                ArticleFeatures.Vector x = examples.get(i).features();
                double m = lookBias;
                for (int k = 0; k < x.index().length; k++) {
                    m += look[x.index()[k]] * x.value()[k];
                }
                double error = (sigmoid(m) - (y[i] ? 1 : 0)) / n;
                for (int k = 0; k < x.index().length; k++) {
                    gradient[x.index()[k]] += error * x.value()[k];
                }
                biasGradient += error;
            }
            for (int f : active) {
                previous[f] = w[f];
                w[f] = look[f] - step * gradient[f];
            }
            previousBias = bias;
            bias = lookBias - step * biasGradient;
        }
        float[] weights = new float[ArticleFeatures.DIMENSIONS];
        for (int f : active) {
            weights[f] = (float) w[f];
        }
        return new Weights(weights, bias);
    }

    private static int[] activeFeatures(List<Example> examples, boolean[] heldOut) {
        boolean[] seen = new boolean[ArticleFeatures.DIMENSIONS];
        int count = 0;
        for (int i = 0; i < examples.size(); i++) {
            if (heldOut != null && heldOut[i]) {
                continue;
            }
            for (int f : examples.get(i).features().index()) {
                if (!seen[f]) {
                    seen[f] = true;
                    count++;
                }
            }
        }
        int[] active = new int[count];
        int k = 0;
        for (int f = 0; f < seen.length; f++) {
            if (seen[f]) {
                active[k++] = f;
            }
        }
        return active;
    }

    /** Platt scaling: the sigmoid's slope and intercept by Newton's method, with Platt's smoothed targets. */
    static double[] platt(double[] margins, boolean[] y) {
        int positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        int negatives = y.length - positives;
        double hi = (positives + 1.0) / (positives + 2.0);
        double lo = 1.0 / (negatives + 2.0);
        double a = 1;
        double b = 0;
        for (int iteration = 0; iteration < 100; iteration++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-9;
            double hab = 0;
            double hbb = 1e-9;
            for (int i = 0; i < margins.length; i++) {
                double p = sigmoid(a * margins[i] + b);
                double d = p - (y[i] ? hi : lo);
                double v = p * (1 - p);
                ga += d * margins[i];
                gb += d;
                haa += v * margins[i] * margins[i];
                hab += v * margins[i];
                hbb += v;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (!Double.isFinite(a) || !Double.isFinite(b)) {
                // Separable margins drive the sigmoid to a step: keep the margins as they are.
                return new double[] {1, 0};
            }
            if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new double[] {a, b};
    }

    /** The threshold with the best F0.5 (ties to the one nearest 0.5), over steps of 0.01. */
    private static LabelReport bestThreshold(String label, double[] scores, boolean[] y) {
        LabelReport best = null;
        for (int step = 5; step <= 95; step++) {
            double threshold = step / 100.0;
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < scores.length; i++) {
                boolean assigned = scores[i] >= threshold;
                tp += assigned && y[i] ? 1 : 0;
                fp += assigned && !y[i] ? 1 : 0;
                fn += !assigned && y[i] ? 1 : 0;
            }
            LabelReport r = new LabelReport(label, threshold, tp, fp, fn);
            if (best == null || fHalf(r) > fHalf(best)
                    || fHalf(r) == fHalf(best) && Math.abs(threshold - 0.5) < Math.abs(best.threshold() - 0.5)) {
                best = r;
            }
        }
        return best;
    }

    /** F-beta with beta 0.5: precision weighs twice as much as recall. */
    static double fHalf(LabelReport r) {
        double p = r.precision();
        double rec = r.recall();
        return p + rec == 0 ? 0 : 1.25 * p * rec / (0.25 * p + rec);
    }

    private static double logLoss(double[] margins, boolean[] y) {
        double loss = 0;
        for (int i = 0; i < margins.length; i++) {
            double p = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(margins[i])));
            loss -= y[i] ? StrictMath.log(p) : StrictMath.log(1 - p);
        }
        return loss / margins.length;
    }

    /** StrictMath: the same bits on every JVM and processor, so a model retrains byte for byte anywhere. */
    private static double sigmoid(double z) {
        return 1 / (1 + StrictMath.exp(-z));
    }
}
