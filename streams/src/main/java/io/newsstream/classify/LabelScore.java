package io.newsstream.classify;

import java.util.List;

/**
 * The classifier's verdict for one label.
 *
 * @param label    the taxonomy label
 * @param score    calibrated score in [0,1]
 * @param assigned whether the score reached the label's threshold
 * @param evidence the term occurrences behind the score, strongest first (first occurrence of each term)
 */
public record LabelScore(String label, double score, boolean assigned, List<TermMatch> evidence) {

    /**
     * One occurrence of a taxonomy term.
     *
     * @param text   the text as it appears in the article
     * @param start  offset in {@code NormalizedArticle.fullText()}
     * @param end    end offset (exclusive)
     * @param weight the term's weight
     */
    public record TermMatch(String text, int start, int end, double weight) {
    }
}
