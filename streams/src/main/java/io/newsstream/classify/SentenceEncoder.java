package io.newsstream.classify;

/**
 * Turns a passage into a dense vector in which passages about the same things lie close: what the classifier's
 * context model ({@link ContextModel}) reads when the linear model is unsure. Implementations are thread-safe.
 */
public interface SentenceEncoder {

    /** Names the encoder and its version: a context model is trained for one encoder and refuses another. */
    String name();

    int dimensions();

    /** The passage's vector, {@link #dimensions()} long. */
    float[] encode(String passage);
}
