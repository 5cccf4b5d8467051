package io.newsstream.classify;

import java.util.List;
import java.util.Map;

/**
 * How one taxonomy label is recognised.
 *
 * @param label       the label, lower-case words joined by hyphens (it names the label's topic)
 * @param description what the label covers, for people
 * @param iptc        IPTC Media Topic codes the label corresponds to
 * @param terms       weighted terms and phrases; a trailing * matches word prefixes
 * @param vetoes      phrases in which a term means something else ("OPEC cartel", "border collie"):
 *                    a term occurrence inside a veto occurrence does not count
 * @param contextVetoes terms that do not count near certain other words
 * @param combinations  co-occurrence rules that add evidence
 * @param threshold   score in [0,1] at or above which the label is assigned
 * @param scale       evidence weight at which the score reaches 1 - 1/e (about 0.63)
 */
public record LabelRule(String label, String description, List<String> iptc, Map<String, Double> terms,
                        List<String> vetoes, List<ContextVeto> contextVetoes, List<Combination> combinations,
                        double threshold, double scale) {

    public LabelRule {
        if (label == null || !label.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("label must be lower-case words joined by hyphens, got: " + label);
        }
        if (terms == null || terms.isEmpty()) {
            throw new IllegalArgumentException("label " + label + " has no terms");
        }
        if (threshold <= 0 || threshold >= 1) {
            throw new IllegalArgumentException("label " + label + ": threshold must be in (0,1), got " + threshold);
        }
        if (scale <= 0) {
            throw new IllegalArgumentException("label " + label + ": scale must be positive, got " + scale);
        }
        iptc = iptc == null ? List.of() : List.copyOf(iptc);
        terms = Map.copyOf(terms);
        vetoes = vetoes == null ? List.of() : List.copyOf(vetoes);
        contextVetoes = contextVetoes == null ? List.of() : List.copyOf(contextVetoes);
        combinations = combinations == null ? List.of() : List.copyOf(combinations);
        description = description == null ? "" : description;
    }
}
