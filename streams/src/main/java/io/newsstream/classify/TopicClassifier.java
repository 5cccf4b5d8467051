package io.newsstream.classify;

import io.newsstream.normalize.NormalizedArticle;
import io.newsstream.normalize.Token;
import java.util.List;

/** Scores every label of a taxonomy for one article. Implementations are pure and thread-safe once built. */
public interface TopicClassifier {

    /** Names the classifier, its model and taxonomy: recorded on every enriched event. */
    String version();

    Taxonomy taxonomy();

    /**
     * Every label of the taxonomy, in taxonomy order, with its score, whether it is assigned and its evidence.
     *
     * @param tokens the canonical tokens of {@code article.fullText()}
     */
    List<LabelScore> classify(NormalizedArticle article, List<Token> tokens);
}
