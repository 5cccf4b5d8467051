package io.newsstream.evaluate;

import java.util.Set;

/**
 * What the pipeline said about one article file.
 *
 * @param file      the input file name (the origin without any {@code #line})
 * @param topics    assigned labels
 * @param clusterId the story cluster the dedup stage put it in
 */
public record Prediction(String file, Set<String> topics, String clusterId) {

    public Prediction {
        topics = Set.copyOf(topics);
    }
}
