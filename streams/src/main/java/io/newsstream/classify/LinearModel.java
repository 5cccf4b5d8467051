package io.newsstream.classify;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One logistic regression per label over {@link ArticleFeatures}, each with its calibration (Platt: the raw margin
 * mapped through a fitted sigmoid, so a score of 0.8 is right about 80 % of the time on cross-validated
 * predictions) and its threshold (chosen by cross-validation). Not modified once built (callers must not change
 * the weight arrays they pass in); the file format is gzip'd binary, written byte for byte the same from the same
 * weights. It may carry a {@link ContextModel}, the slow path for uncertain scores (format 2; format 1 files have
 * none).
 */
public final class LinearModel {

    private static final int MAGIC = 0x4E534C4D; // "NSLM"
    /** Format 1: the linear model alone; format 2: followed by a context model. */
    private static final int FORMAT = 2;

    /**
     * One label's model.
     *
     * @param weights   one weight per feature index ({@link ArticleFeatures#DIMENSIONS})
     * @param plattA    slope of the calibration sigmoid over the raw margin
     * @param plattB    its intercept
     * @param threshold calibrated score from which the label is assigned
     */
    public record Label(String name, float[] weights, double bias, double plattA, double plattB, double threshold) {

        /** The calibrated probability of a raw margin. */
        public double calibrated(double margin) {
            return 1 / (1 + Math.exp(-(plattA * margin + plattB)));
        }
    }

    private final List<Label> labels;
    private final ContextModel context;
    private final String hash;
    /**
     * All labels' weights of a feature side by side (feature f, label l at {@code f * labels + l}): scoring reads
     * one cache line per feature instead of one per feature and label, from arrays too large for the cache.
     */
    private final float[] interleaved;

    public LinearModel(List<Label> labels) {
        this(labels, null);
    }

    /**
     * @param context the slow path, one label per label here; null for none
     */
    public LinearModel(List<Label> labels, ContextModel context) {
        if (context != null && context.labels().size() != labels.size()) {
            throw new IllegalArgumentException("the context model has " + context.labels().size() + " labels, the model "
                    + labels.size());
        }
        this.labels = List.copyOf(labels);
        this.context = context;
        this.hash = sha256(toBytes()).substring(0, 12);
        int n = labels.size();
        this.interleaved = new float[ArticleFeatures.DIMENSIONS * n];
        for (int l = 0; l < n; l++) {
            float[] w = labels.get(l).weights();
            for (int f = 0; f < w.length; f++) {
                interleaved[f * n + l] = w[f];
            }
        }
    }

    /** One label's weight of one feature. */
    public float weight(int label, int feature) {
        return interleaved[feature * labels.size() + label];
    }

    /** Every label's raw margin (weights · features + bias), in label order. */
    public double[] margins(ArticleFeatures.Vector x) {
        int n = labels.size();
        double[] margins = new double[n];
        for (int l = 0; l < n; l++) {
            margins[l] = labels.get(l).bias();
        }
        int[] index = x.index();
        float[] value = x.value();
        for (int i = 0; i < index.length; i++) {
            int base = index[i] * n;
            for (int l = 0; l < n; l++) {
                margins[l] += interleaved[base + l] * value[i];
            }
        }
        return margins;
    }

    public List<Label> labels() {
        return labels;
    }

    /** The slow path, if the model has one. */
    public Optional<ContextModel> context() {
        return Optional.ofNullable(context);
    }

    /** The same linear model without its slow path. */
    public LinearModel withoutContext() {
        return context == null ? this : new LinearModel(labels, null);
    }

    public List<String> labelNames() {
        return labels.stream().map(Label::name).toList();
    }

    /** A short content hash: names the model in {@code classifierVersion}. */
    public String hash() {
        return hash;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeInt(MAGIC);
            // Without a context model, format 1: older releases read it, and its hash stays what it was.
            out.writeInt(context == null ? 1 : FORMAT);
            out.writeInt(ArticleFeatures.BITS);
            out.writeInt(labels.size());
            for (Label l : labels) {
                out.writeUTF(l.name());
                out.writeDouble(l.bias());
                out.writeDouble(l.plattA());
                out.writeDouble(l.plattB());
                out.writeDouble(l.threshold());
                int nonZero = 0;
                for (float w : l.weights()) {
                    nonZero += w == 0 ? 0 : 1;
                }
                out.writeInt(nonZero);
                for (int i = 0; i < l.weights().length; i++) {
                    if (l.weights()[i] != 0) {
                        out.writeInt(i);
                        out.writeFloat(l.weights()[i]);
                    }
                }
            }
            if (context != null) {
                context.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads a model file; refuses one of another format or feature size with a reason. */
    public static LinearModel read(InputStream stream, String name) {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(stream))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException(name + " is not a newsstream classifier model");
            }
            int format = in.readInt();
            int bits = in.readInt();
            if (format < 1 || format > FORMAT || bits != ArticleFeatures.BITS) {
                throw new IllegalArgumentException(name + " is a model of format " + format + " over " + bits
                        + "-bit features; this version reads formats 1 to " + FORMAT + " over " + ArticleFeatures.BITS
                        + "-bit features: train it again with `newsstream train`");
            }
            int count = in.readInt();
            List<Label> labels = new ArrayList<>();
            for (int l = 0; l < count; l++) {
                String label = in.readUTF();
                double bias = in.readDouble();
                double a = in.readDouble();
                double b = in.readDouble();
                double threshold = in.readDouble();
                float[] weights = new float[ArticleFeatures.DIMENSIONS];
                int nonZero = in.readInt();
                for (int i = 0; i < nonZero; i++) {
                    int feature = in.readInt();
                    if (feature < 0 || feature >= weights.length) {
                        throw new IllegalArgumentException(name + " is corrupt: feature " + feature + " out of range");
                    }
                    weights[feature] = in.readFloat();
                }
                labels.add(new Label(label, weights, bias, a, b, threshold));
            }
            ContextModel context = format >= 2 ? ContextModel.read(in, name) : null;
            if (context != null && context.labels().size() != labels.size()) {
                throw new IllegalArgumentException(name + " is corrupt: its context model has " + context.labels().size()
                        + " labels for " + labels.size());
            }
            return new LinearModel(labels, context);
        } catch (EOFException e) {
            throw new IllegalArgumentException(name + " is truncated or corrupt: train the model again", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the classifier model " + name + ": " + e, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
