package io.newsstream.cli;

import io.newsstream.classify.LearnedClassifier;
import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.normalize.CanonicalTokens;
import io.newsstream.normalize.NormalizedArticle;
import io.newsstream.normalize.TextNormalizer;
import io.newsstream.pipeline.Pipeline;
import io.newsstream.schema.RawArticle;
import java.util.List;
import java.util.Optional;

/**
 * How many of some articles the configured classifier's slow path reads, found by classifying them outside the
 * pipeline. An encoding costs about fifty times the fast path (JMH, one core), so this share drives throughput.
 */
final class SlowPathShare {

    private SlowPathShare() {
    }

    /** Empty when the configured classifier has no slow path. */
    static Optional<LearnedClassifier.PathCounts> of(NewsstreamConfig config, Taxonomy taxonomy, List<RawArticle> articles) {
        if (!(Pipeline.classifier(config, taxonomy) instanceof LearnedClassifier classifier) || !classifier.hasSlowPath()) {
            return Optional.empty();
        }
        TextNormalizer normalizer = new TextNormalizer();
        for (RawArticle a : articles) {
            NormalizedArticle text = normalizer.normalize(a.getTitle(), a.getBody());
            classifier.classify(text, CanonicalTokens.withOffsets(text.fullText()));
        }
        return Optional.of(classifier.pathCounts());
    }
}
