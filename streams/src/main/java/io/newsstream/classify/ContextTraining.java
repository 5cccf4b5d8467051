package io.newsstream.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits the {@link ContextModel} from the linear model's out-of-fold calibrated scores and each example's lede
 * vector, by the same grouped folds as {@link Training}:
 * <ol>
 *   <li>per label, L2 logistic regression by Newton's method over the lede vector and the linear model's log-odds
 *       (stacking: the second look learns how far to trust the first); the L2 strength with the best out-of-fold
 *       log-loss. Its probability is held to the label's threshold from the linear model (with a bar of 0.5 instead,
 *       cross-validation gained F1 but left 83 of 92 no-topic articles unlabelled, against 87);</li>
 *   <li>the uncertain band: of a grid of score ranges, the one with the best out-of-fold macro-F0.5 of the two
 *       paths together, among those that send at most {@value #MAX_SHARE_PERCENT} % of the articles to the slow
 *       path (ties to the fewer); none when no range beats the linear model alone.</li>
 * </ol>
 * Deterministic (fixed order, strict floating point) given the same vectors. Pure.
 */
final class ContextTraining {

    static final int MAX_SHARE_PERCENT = 10;
    /**
     * Tokens after the headline that the lede takes. Grouped CV on dev + train and on train alone: 32 did as well as
     * 64 (and as the first 60, 120 or 200 words), 16 worse on train alone (0.939 against 0.945); an encoding's cost
     * grows with its length.
     */
    static final int LEDE_TOKENS = 32;
    private static final double[] LAMBDAS = {3e-3, 1e-2, 3e-2};
    private static final double[] BAND_LOWS = {0.1, 0.2, 0.3, 0.4, 0.5};
    private static final double[] BAND_HIGHS = {0.8, 0.85, 0.9, 0.95};
    /**
     * Scales the encoder's unit-length vectors so their components are near unit size, as the L2 strengths assume
     * (the log-odds column, up to ±13.8, takes the same penalty: a stronger pull towards the vector).
     */
    private static final double SCALE = 20;
    private static final int NEWTON_STEPS = 15;

    /**
     * The fitted model (null when the slow path gained nothing in cross-validation) and its out-of-fold figures.
     *
     * @param fast     the linear model alone, out of fold
     * @param combined both paths, out of fold
     * @param slowShare share of the articles that took the slow path, out of fold
     */
    record Outcome(ContextModel model, double lambda, List<Training.LabelReport> fast, List<Training.LabelReport> combined,
                   int noTopic, int fastUnlabelled, int combinedUnlabelled, double slowShare) {

        String report() {
            if (model == null) {
                return String.format(Locale.ROOT, "context model: no uncertain band beat the linear model alone in "
                        + "cross-validation (macro-F1 %.3f): not used%n", macro(fast, Training.LabelReport::f1));
            }
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "context model (%s on the lede, for scores in [%.2f, %.2f]; L2 %.0e), out of fold:%n", model.encoder(),
                    model.bandLow(), model.bandHigh(), lambda));
            out.append(String.format(Locale.ROOT, "%-22s %13s %13s%n", "label", "F1 linear", "F1 with it"));
            for (int l = 0; l < fast.size(); l++) {
                out.append(String.format(Locale.ROOT, "%-22s %13.3f %13.3f%n", fast.get(l).label(), fast.get(l).f1(),
                        combined.get(l).f1()));
            }
            out.append(String.format(Locale.ROOT, "%-22s %13.3f %13.3f%n", "macro-F1", macro(fast, Training.LabelReport::f1),
                    macro(combined, Training.LabelReport::f1)));
            out.append(String.format(Locale.ROOT, "%-22s %13s %13s%n", "no-topic unlabelled", fastUnlabelled + "/" + noTopic,
                    combinedUnlabelled + "/" + noTopic));
            return out.append(String.format(Locale.ROOT, "articles on the slow path: %.1f %%%n", 100 * slowShare)).toString();
        }
    }

    private ContextTraining() {
    }

    /**
     * @param labels     label names, in model order
     * @param ledes      each example's lede vector
     * @param y          per label, each example's truth
     * @param scores     per label, each example's out-of-fold calibrated score from the linear model
     * @param thresholds per label, the linear model's threshold
     * @param folds      each example's fold
     */
    static Outcome fit(String encoder, List<String> labels, float[][] ledes, boolean[][] y, double[][] scores,
                       double[] thresholds, int[] folds, int foldCount) {
        int n = ledes.length;
        double[][] x = design(ledes);
        double bestLoss = Double.MAX_VALUE;
        double lambda = LAMBDAS[0];
        double[][] stacked = null;
        for (double candidate : LAMBDAS) {
            double[][] oof = new double[labels.size()][n];
            double loss = 0;
            for (int l = 0; l < labels.size(); l++) {
                for (int fold = 0; fold < foldCount; fold++) {
                    double[] w = newton(x, scores[l], y[l], folds, fold, candidate);
                    for (int i = 0; i < n; i++) {
                        if (folds[i] == fold) {
                            oof[l][i] = sigmoid(margin(w, x[i], scores[l][i]));
                            loss -= StrictMath.log(Math.max(1e-12, y[l][i] ? oof[l][i] : 1 - oof[l][i]));
                        }
                    }
                }
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                lambda = candidate;
                stacked = oof;
            }
        }
        if (stacked == null) {
            throw new IllegalStateException("the context model's training diverged (no finite out-of-fold loss): train "
                    + "with --no-context");
        }
        Decisions fast = decide(labels, y, scores, thresholds, stacked, 2, -1);
        Decisions best = fast;
        double low = 0;
        double high = 0;
        for (double lo : BAND_LOWS) {
            for (double hi : BAND_HIGHS) {
                Decisions d = decide(labels, y, scores, thresholds, stacked, lo, hi);
                if (d.slow * 100 <= (long) MAX_SHARE_PERCENT * n
                        && (d.macroFHalf() > best.macroFHalf() || d.macroFHalf() == best.macroFHalf() && d.slow < best.slow)) {
                    best = d;
                    low = lo;
                    high = hi;
                }
            }
        }
        int noTopic = 0;
        for (int i = 0; i < n; i++) {
            boolean none = true;
            for (boolean[] label : y) {
                none &= !label[i];
            }
            noTopic += none ? 1 : 0;
        }
        if (best == fast) {
            return new Outcome(null, lambda, fast.reports, fast.reports, noTopic, fast.unlabelled, fast.unlabelled, 0);
        }
        List<ContextModel.Label> fitted = new ArrayList<>();
        for (int l = 0; l < labels.size(); l++) {
            double[] w = newton(x, scores[l], y[l], folds, -1, lambda);
            float[] weights = new float[ledes[0].length];
            for (int j = 0; j < weights.length; j++) {
                weights[j] = (float) (w[j] * SCALE);
            }
            fitted.add(new ContextModel.Label(weights, w[weights.length], w[weights.length + 1]));
        }
        return new Outcome(new ContextModel(encoder, LEDE_TOKENS, low, high, fitted), lambda, fast.reports, best.reports,
                noTopic, fast.unlabelled, best.unlabelled, (double) best.slow / n);
    }

    private record Decisions(List<Training.LabelReport> reports, int unlabelled, int slow) {
        double macroFHalf() {
            return reports.stream().mapToDouble(Training::fHalf).average().orElse(0);
        }
    }

    /** Both paths' out-of-fold decisions for one band (an empty band, low above high, is the linear model alone). */
    private static Decisions decide(List<String> labels, boolean[][] y, double[][] scores, double[] thresholds,
                                    double[][] stacked, double low, double high) {
        int n = y[0].length;
        boolean[] anyAssigned = new boolean[n];
        boolean[] slow = new boolean[n];
        List<Training.LabelReport> reports = new ArrayList<>();
        for (int l = 0; l < labels.size(); l++) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < n; i++) {
                double s = scores[l][i];
                boolean inBand = s >= low && s <= high;
                boolean assigned = (inBand ? stacked[l][i] : s) >= thresholds[l];
                slow[i] |= inBand;
                anyAssigned[i] |= assigned;
                tp += assigned && y[l][i] ? 1 : 0;
                fp += assigned && !y[l][i] ? 1 : 0;
                fn += !assigned && y[l][i] ? 1 : 0;
            }
            reports.add(new Training.LabelReport(labels.get(l), thresholds[l], tp, fp, fn));
        }
        int unlabelled = 0;
        int slowCount = 0;
        for (int i = 0; i < n; i++) {
            boolean none = true;
            for (boolean[] label : y) {
                none &= !label[i];
            }
            unlabelled += none && !anyAssigned[i] ? 1 : 0;
            slowCount += slow[i] ? 1 : 0;
        }
        return new Decisions(reports, unlabelled, slowCount);
    }

    /** Each example's scaled vector with a slot for the log-odds and one for the bias. */
    private static double[][] design(float[][] ledes) {
        double[][] x = new double[ledes.length][];
        for (int i = 0; i < ledes.length; i++) {
            int d = ledes[i].length;
            x[i] = new double[d + 2];
            for (int j = 0; j < d; j++) {
                x[i][j] = ledes[i][j] * SCALE;
            }
            x[i][d + 1] = 1;
        }
        return x;
    }

    private static double margin(double[] w, double[] x, double score) {
        int d = x.length - 2;
        double m = w[d] * ContextModel.logOdds(score) + w[d + 1];
        for (int j = 0; j < d; j++) {
            m += w[j] * x[j];
        }
        return m;
    }

    /**
     * Minimises mean log-loss + lambda/2 ‖w‖² (the bias all but unregularised: 1e-9 keeps the system definite) over
     * the examples outside {@code heldOut} (all when it is -1) by Newton's method from zero: a few hundred dimensions
     * and examples make the Hessian cheap. Only its lower triangle is built: the solver reads no more.
     */
    private static double[] newton(double[][] x, double[] scores, boolean[] y, int[] folds, int heldOut, double lambda) {
        int dims = x[0].length;
        int d = dims - 2;
        int n = 0;
        for (int fold : folds) {
            n += fold == heldOut ? 0 : 1;
        }
        double[] w = new double[dims];
        double[] row = new double[dims];
        for (int step = 0; step < NEWTON_STEPS; step++) {
            double[] gradient = new double[dims];
            double[][] hessian = new double[dims][dims];
            for (int i = 0; i < x.length; i++) {
                if (folds[i] == heldOut) {
                    continue;
                }
                System.arraycopy(x[i], 0, row, 0, dims);
                row[d] = ContextModel.logOdds(scores[i]);
                double m = 0;
                for (int j = 0; j < dims; j++) {
                    m += w[j] * row[j];
                }
                double p = sigmoid(m);
                double error = (p - (y[i] ? 1 : 0)) / n;
                double curvature = p * (1 - p) / n;
                for (int j = 0; j < dims; j++) {
                    gradient[j] += error * row[j];
                    double cj = curvature * row[j];
                    for (int k = 0; k <= j; k++) {
                        hessian[j][k] += cj * row[k];
                    }
                }
            }
            for (int j = 0; j < dims; j++) {
                double penalty = j == d + 1 ? 1e-9 : lambda;
                gradient[j] += penalty * w[j];
                hessian[j][j] += penalty;
            }
            double[] delta = solve(hessian, gradient);
            double size = 0;
            for (int j = 0; j < dims; j++) {
                w[j] -= delta[j];
                size = Math.max(size, Math.abs(delta[j]));
            }
            if (size < 1e-9) {
                break;
            }
        }
        return w;
    }

    /**
     * Solves a·x = b for a symmetric positive definite a, given by its lower triangle, by Cholesky's method (a is
     * overwritten).
     *
     * @throws IllegalStateException when a is not positive definite
     */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int j = 0; j < n; j++) {
            double diagonal = a[j][j];
            for (int k = 0; k < j; k++) {
                diagonal -= a[j][k] * a[j][k];
            }
            if (!(diagonal > 0)) {
                throw new IllegalStateException("the context model's Newton system is not positive definite");
            }
            double root = Math.sqrt(diagonal);
            a[j][j] = root;
            for (int i = j + 1; i < n; i++) {
                double v = a[i][j];
                for (int k = 0; k < j; k++) {
                    v -= a[i][k] * a[j][k];
                }
                a[i][j] = v / root;
            }
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double v = b[i];
            for (int k = 0; k < i; k++) {
                v -= a[i][k] * z[k];
            }
            z[i] = v / a[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double v = z[i];
            for (int k = i + 1; k < n; k++) {
                v -= a[k][i] * x[k];
            }
            x[i] = v / a[i][i];
        }
        return x;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + StrictMath.exp(-z));
    }

    private static double macro(List<Training.LabelReport> reports, java.util.function.ToDoubleFunction<Training.LabelReport> f) {
        return reports.stream().mapToDouble(f).average().orElse(0);
    }
}
