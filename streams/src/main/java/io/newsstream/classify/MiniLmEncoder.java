package io.newsstream.classify;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The sentence encoder the context model is trained with: all-MiniLM-L6-v2, quantized to 8 bits, run by ONNX
 * Runtime in this JVM. The model ships inside a Maven artifact, so nothing is downloaded at run time. Loading it
 * takes about half a second, so one instance is shared by every stream thread; it is thread-safe.
 */
public final class MiniLmEncoder implements SentenceEncoder {

    public static final String NAME = "all-minilm-l6-v2-q";

    private static final int DIMENSIONS = 384;

    private static volatile MiniLmEncoder shared;

    private final AllMiniLmL6V2QuantizedEmbeddingModel model;

    /** The JVM's one instance, loaded on first use. */
    public static MiniLmEncoder shared() {
        MiniLmEncoder e = shared;
        if (e == null) {
            synchronized (MiniLmEncoder.class) {
                e = shared;
                if (e == null) {
                    e = new MiniLmEncoder();
                    shared = e;
                }
            }
        }
        return e;
    }

    /**
     * @throws IllegalStateException when ONNX Runtime cannot load on this platform, saying how to run without it
     */
    private MiniLmEncoder() {
        try {
            this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("cannot load the classifier's context encoder " + NAME + " (ONNX Runtime): "
                    + e + "; run without it with --set classifier.context=false", e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public float[] encode(String passage) {
        return model.embed(passage).content().vector();
    }
}
