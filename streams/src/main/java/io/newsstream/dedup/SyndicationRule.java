package io.newsstream.dedup;

import io.newsstream.schema.MatchMethod;

/**
 * When two articles are the same story as run by two outlets. The text and the facts must agree in one of two ways:
 * <ul>
 *   <li>most copies: at least {@code minContainment} of the shorter article's 5-word shingles appear in the other
 *       (independent reports of one event share facts but not wording, and stay far below), and at least
 *       {@code minFactOverlap} of the numbers and names of the article with fewer appear in the other (template
 *       stories share their formula but report other facts, and stay below);</li>
 *   <li>versions of a story updated through the day, which keep only some of its sentences: at least
 *       {@code updateContainment} of the text, with at least {@code updateFactOverlap} of the facts and
 *       {@code updateSharedShingles} shingles (a few sentences verbatim) in common. Independent reports reach such
 *       fact agreement but not the wording; templates the wording but not the facts.</li>
 * </ul>
 * Either way they must share at least {@code minSharedShingles}, so short briefs do not collapse on a phrase or two,
 * and at least {@code minNarrativeContainment} of their text outside quotation marks, so two stories quoting the
 * same long statement stay apart (a regional rewrite keeps some narrative sentences as well as the quotes).
 * Thresholds and their margins on the labelled corpora are in the README ("Syndicated copies"). Pure.
 */
public record SyndicationRule(double minContainment, double minFactOverlap, int minSharedShingles,
                              double minNarrativeContainment, double updateContainment, double updateFactOverlap,
                              int updateSharedShingles) {

    public static final SyndicationRule DEFAULT = new SyndicationRule(0.30, 0.70, 8, 0.15, 0.25, 0.85, 40);

    /** Below this length ratio a match is a truncated or abridged copy: containment rather than resemblance. */
    private static final double CONTAINMENT_RATIO = 0.75;

    public boolean matches(Similarity s) {
        boolean copy = s.containment() >= minContainment && s.factOverlap() >= minFactOverlap;
        boolean update = s.containment() >= updateContainment && s.factOverlap() >= updateFactOverlap
                && s.sharedShingles() >= updateSharedShingles;
        return (copy || update) && s.sharedShingles() >= minSharedShingles
                && (s.narrativeContainment() < 0 || s.narrativeContainment() >= minNarrativeContainment);
    }

    /** The least containment any match has: candidates below it need no closer look. */
    public double lowestContainment() {
        return Math.min(minContainment, updateContainment);
    }

    /** How a match is described: EXACT for identical text, CONTAINMENT for a much shorter copy, NEAR otherwise. */
    public static MatchMethod method(boolean sameExactHash, Similarity s) {
        if (sameExactHash) {
            return MatchMethod.EXACT;
        }
        return s.lengthRatio() < CONTAINMENT_RATIO ? MatchMethod.CONTAINMENT : MatchMethod.NEAR;
    }
}
