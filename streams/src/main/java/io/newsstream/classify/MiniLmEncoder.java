package io.newsstream.classify;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;

/**
 * The sentence encoder the context model is trained with: all-MiniLM-L6-v2, quantized to 8 bits (mean pooling,
 * unit length), run by ONNX Runtime in this JVM. The model ships inside a Maven artifact, so nothing is downloaded
 * at run time. One encoding runs on the calling thread alone, without spinning helper threads: the stream threads
 * are the parallelism, and a machine's cores are not oversubscribed. Loading takes about half a second, so one
 * instance is shared by every stream thread; it is thread-safe.
 */
public final class MiniLmEncoder implements SentenceEncoder {

    public static final String NAME = "all-minilm-l6-v2-q";

    private static final int DIMENSIONS = 384;
    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    private static volatile MiniLmEncoder shared;

    private final Model model;

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
        try (InputStream onnx = resource(MODEL); InputStream tokenizer = resource(TOKENIZER);
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(onnx.readAllBytes(), options);
            this.model = new Model(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN));
        } catch (OrtException | UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new IllegalStateException("cannot load the classifier's context encoder " + NAME + " (ONNX Runtime): "
                    + e + "; run without it with --set classifier.context=false", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the context encoder " + NAME + " from the jar", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = AbstractInProcessEmbeddingModel.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the context encoder's " + name + " is missing from the class path");
        }
        return in;
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

    /** The library's in-process model over our session (its own constructor gives no say over threads). */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder) {
            super((Executor) Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
    }
}
