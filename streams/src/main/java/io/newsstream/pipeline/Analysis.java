package io.newsstream.pipeline;

import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.Signature;

/**
 * One analysed article inside the pipeline: the event to publish (verdict still unset) and the dedup signature
 * its anchors compare, which is never published. Lives only between two processors of one task, never serialised.
 */
record Analysis(EnrichedArticle article, Signature signature) {
}
