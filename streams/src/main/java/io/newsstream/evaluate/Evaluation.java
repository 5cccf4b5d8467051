package io.newsstream.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Scores predictions against a labelled corpus the way the product is judged: per-label precision, recall
 * and F1 with their macro average, the share of no-topic articles left unlabelled, and pairwise syndication
 * precision and recall (pairs of the same story's base and copies are positive; independent reports,
 * template pairs and everything else negative). Pure.
 */
public record Evaluation(Map<String, Score> labels, double macroF1, int noTopicArticles, int noTopicLeftUnlabelled,
                         Score dedup, int missing, List<String> falseMerges, Map<String, Confusion> confusions) {

    /**
     * Where one label's errors came from.
     *
     * @param falsePositivesByTruth its false positives counted by the labels the articles really have ("none")
     * @param falseNegativesByAssigned its misses counted by what was assigned instead ("nothing")
     */
    public record Confusion(Map<String, Integer> falsePositivesByTruth, Map<String, Integer> falseNegativesByAssigned) {
    }

    /** Precision, recall and F1 from counts. */
    public record Score(int truePositives, int falsePositives, int falseNegatives) {
        public double precision() {
            return ratio(truePositives, truePositives + falsePositives);
        }

        public double recall() {
            return ratio(truePositives, truePositives + falseNegatives);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    public static Evaluation of(List<LabelledArticle> truth, List<Prediction> predictions, List<String> labelNames) {
        Map<String, Prediction> byFile = predictions.stream()
                .collect(Collectors.toMap(Prediction::file, Function.identity(), (a, b) -> a));
        Map<String, Score> labels = new TreeMap<>();
        Map<String, Confusion> confusions = new TreeMap<>();
        for (String label : labelNames) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            Confusion confusion = new Confusion(new TreeMap<>(), new TreeMap<>());
            for (LabelledArticle t : truth) {
                Prediction p = byFile.get(t.file());
                boolean predicted = p != null && p.topics().contains(label);
                boolean actual = t.topics().contains(label);
                tp += predicted && actual ? 1 : 0;
                if (predicted && !actual) {
                    fp++;
                    confusion.falsePositivesByTruth().merge(t.topics().isEmpty() ? "none" : String.join("+", new TreeSet<>(t.topics())), 1, Integer::sum);
                }
                if (!predicted && actual) {
                    fn++;
                    Set<String> instead = p == null ? Set.of() : new TreeSet<>(p.topics());
                    confusion.falseNegativesByAssigned().merge(instead.isEmpty() ? "nothing" : String.join("+", instead), 1, Integer::sum);
                }
            }
            labels.put(label, new Score(tp, fp, fn));
            confusions.put(label, confusion);
        }
        double macro = labels.values().stream().mapToDouble(Score::f1).average().orElse(0);
        List<LabelledArticle> noTopic = truth.stream().filter(t -> t.topics().isEmpty()).toList();
        int leftUnlabelled = (int) noTopic.stream()
                .filter(t -> byFile.containsKey(t.file()) && byFile.get(t.file()).topics().isEmpty()).count();
        List<String> falseMerges = new ArrayList<>();
        Score dedup = pairs(truth, byFile, falseMerges);
        int missing = (int) truth.stream().filter(t -> !byFile.containsKey(t.file())).count();
        return new Evaluation(labels, macro, noTopic.size(), leftUnlabelled, dedup, missing, falseMerges, confusions);
    }

    private static Score pairs(List<LabelledArticle> truth, Map<String, Prediction> byFile, List<String> falseMerges) {
        List<LabelledArticle> present = truth.stream().filter(t -> byFile.containsKey(t.file())).toList();
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < present.size(); i++) {
            for (int j = i + 1; j < present.size(); j++) {
                LabelledArticle a = present.get(i);
                LabelledArticle b = present.get(j);
                boolean actual = a.sameStoryAs(b);
                boolean predicted = byFile.get(a.file()).clusterId().equals(byFile.get(b.file()).clusterId());
                tp += predicted && actual ? 1 : 0;
                fn += !predicted && actual ? 1 : 0;
                if (predicted && !actual) {
                    fp++;
                    falseMerges.add(a.file() + " (" + a.kind() + ") + " + b.file() + " (" + b.kind() + ")");
                }
            }
        }
        return new Score(tp, fp, fn);
    }

    public double noTopicUnlabelledShare() {
        return ratio(noTopicLeftUnlabelled, noTopicArticles);
    }

    /** A readable report. */
    public String report() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-22s %9s %9s %9s%n", "label", "precision", "recall", "F1"));
        labels.forEach((label, s) -> out.append(String.format(Locale.ROOT, "%-22s %9.3f %9.3f %9.3f%n", label, s.precision(), s.recall(), s.f1())));
        out.append(String.format(Locale.ROOT, "%-22s %29.3f%n", "macro-F1", macroF1));
        confusions.forEach((label, c) -> {
            if (!c.falsePositivesByTruth().isEmpty() || !c.falseNegativesByAssigned().isEmpty()) {
                out.append(String.format(Locale.ROOT, "  %s: false positives by true labels %s; missed, assigned instead %s%n",
                        label, c.falsePositivesByTruth(), c.falseNegativesByAssigned()));
            }
        });
        out.append(String.format(Locale.ROOT, "no-topic articles left unlabelled: %d/%d (%.3f)%n", noTopicLeftUnlabelled,
                noTopicArticles, noTopicUnlabelledShare()));
        out.append(String.format(Locale.ROOT, "syndication pairs: precision %.3f, recall %.3f, F1 %.3f (tp %d, fp %d, fn %d)%n",
                dedup.precision(), dedup.recall(), dedup.f1(), dedup.truePositives(), dedup.falsePositives(), dedup.falseNegatives()));
        falseMerges.stream().limit(10).forEach(m -> out.append("  false merge: ").append(m).append('\n'));
        if (missing > 0) {
            out.append("articles without output: ").append(missing).append('\n');
        }
        return out.toString();
    }

    private static double ratio(int numerator, int denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
