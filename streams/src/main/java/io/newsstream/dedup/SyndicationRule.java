package io.newsstream.dedup;

import io.newsstream.schema.MatchMethod;

/**
 * When two articles are the same story as run by two outlets. Both must hold:
 * <ul>
 *   <li>text: at least {@code minContainment} of the shorter article's 5-word shingles appear in the other
 *       (independent reports of one event share facts but not wording, and stay far below);</li>
 *   <li>facts: at least {@code minFactOverlap} of the numbers and names of the article with fewer appear in the
 *       other (template stories share their formula but report other facts, and stay below).</li>
 * </ul>
 * and they must share at least {@code minSharedShingles}, so short briefs do not collapse on a phrase or two,
 * and at least {@code minNarrativeContainment} of their text outside quotation marks, so two stories quoting the
 * same long statement stay apart (a regional rewrite keeps some narrative sentences as well as the quotes).
 * Thresholds were set on the dev corpus with margins of 0.17 (text) and 0.20 (facts); see the README. Pure.
 */
public record SyndicationRule(double minContainment, double minFactOverlap, int minSharedShingles,
                              double minNarrativeContainment) {

    public static final SyndicationRule DEFAULT = new SyndicationRule(0.30, 0.70, 8, 0.15);

    /** Below this length ratio a match is a truncated or abridged copy: containment rather than resemblance. */
    private static final double CONTAINMENT_RATIO = 0.75;

    public boolean matches(Similarity s) {
        return s.containment() >= minContainment && s.factOverlap() >= minFactOverlap
                && s.sharedShingles() >= minSharedShingles
                && (s.narrativeContainment() < 0 || s.narrativeContainment() >= minNarrativeContainment);
    }

    /** How a match is described: EXACT for identical text, CONTAINMENT for a much shorter copy, NEAR otherwise. */
    public static MatchMethod method(boolean sameExactHash, Similarity s) {
        if (sameExactHash) {
            return MatchMethod.EXACT;
        }
        return s.lengthRatio() < CONTAINMENT_RATIO ? MatchMethod.CONTAINMENT : MatchMethod.NEAR;
    }
}
