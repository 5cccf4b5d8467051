package io.newsstream.classify;

import io.newsstream.normalize.Token;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The classifier's slow path: for a label whose calibrated score from the linear model falls in an uncertain band,
 * a second logistic regression decides, reading the sentence encoder's vector of the article's lede (headline and
 * first words) beside the linear model's own score. The linear model counts words wherever they stand; the
 * encoder reads them in their sentences, and knows words no labelled example used. The band is chosen in training
 * so that no more than a tenth of the labelled articles take this path. Not modified once built; pure.
 *
 * @param encoder    the {@link SentenceEncoder#name()} it was trained with
 * @param ledeTokens how many tokens after the headline the lede runs to
 * @param bandLow    lowest calibrated score that takes the slow path
 * @param bandHigh   highest calibrated score that takes the slow path
 * @param labels     one per label of the linear model, in its order
 */
public record ContextModel(String encoder, int ledeTokens, double bandLow, double bandHigh, List<Label> labels) {

    /**
     * One label's second look. Its probability is held to the label's threshold in the linear model: one bar per
     * label, whichever path gives the probability.
     *
     * @param weights     one per encoder dimension
     * @param scoreWeight weight of the linear model's log-odds
     */
    public record Label(float[] weights, double scoreWeight, double bias) {
    }

    /**
     * @throws IllegalArgumentException when the labels' vectors differ in length, the lede is empty or the band is not
     *                                  a range of probabilities
     */
    public ContextModel {
        labels = List.copyOf(labels);
        int length = labels.isEmpty() ? 0 : labels.get(0).weights().length;
        if (length == 0 || labels.stream().anyMatch(l -> l.weights().length != length)) {
            throw new IllegalArgumentException("a context model needs one vector of weights per label, all of one length");
        }
        if (ledeTokens < 1 || !(0 <= bandLow && bandLow <= bandHigh && bandHigh <= 1)) {
            throw new IllegalArgumentException("a context model needs a lede of at least one token and a band within [0, 1], "
                    + "got " + ledeTokens + " tokens, [" + bandLow + ", " + bandHigh + "]");
        }
    }

    /** The encoder's vector length it reads. */
    public int dimensions() {
        return labels.get(0).weights().length;
    }

    /** Whether a calibrated score is uncertain enough for the slow path. */
    public boolean inBand(double score) {
        return score >= bandLow && score <= bandHigh;
    }

    /** The label's probability given the lede's vector and the linear model's calibrated score. */
    public double probability(int label, float[] lede, double score) {
        Label l = labels.get(label);
        return 1 / (1 + StrictMath.exp(-(passageMargin(label, lede) + l.scoreWeight() * logOdds(score) + l.bias())));
    }

    /** The lede vector's part of the label's log-odds (before the bias). */
    double passageMargin(int label, float[] lede) {
        float[] w = labels.get(label).weights();
        double m = 0;
        for (int j = 0; j < w.length; j++) {
            m += w[j] * lede[j];
        }
        return m;
    }

    /** Log-odds of a probability, kept finite. */
    static double logOdds(double p) {
        double q = Math.min(1 - 1e-6, Math.max(1e-6, p));
        return StrictMath.log(q / (1 - q));
    }

    /**
     * Where the lede ends in the article's full text: after the headline's tokens and {@code ledeTokens} more (the
     * whole text when it is shorter). The lede is the text from 0 to there.
     */
    public static int ledeEnd(List<Token> tokens, int titleEnd, int ledeTokens) {
        int inTitle = 0;
        while (inTitle < tokens.size() && tokens.get(inTitle).start() < titleEnd) {
            inTitle++;
        }
        int last = Math.min(tokens.size(), inTitle + ledeTokens) - 1;
        return last < 0 ? 0 : tokens.get(last).end();
    }

    void write(DataOutputStream out) throws IOException {
        out.writeUTF(encoder);
        out.writeInt(ledeTokens);
        out.writeDouble(bandLow);
        out.writeDouble(bandHigh);
        out.writeInt(labels.size());
        for (Label l : labels) {
            out.writeDouble(l.scoreWeight());
            out.writeDouble(l.bias());
            out.writeInt(l.weights().length);
            for (float w : l.weights()) {
                out.writeFloat(w);
            }
        }
    }

    static ContextModel read(DataInputStream in, String name) throws IOException {
        String encoder = in.readUTF();
        int ledeTokens = in.readInt();
        double low = in.readDouble();
        double high = in.readDouble();
        int count = in.readInt();
        List<Label> labels = new ArrayList<>();
        for (int l = 0; l < count; l++) {
            double scoreWeight = in.readDouble();
            double bias = in.readDouble();
            int dimensions = in.readInt();
            if (dimensions < 1 || dimensions > 1 << 16) {
                throw new IllegalArgumentException(name + " is corrupt: a context vector of " + dimensions + " dimensions");
            }
            float[] weights = new float[dimensions];
            for (int j = 0; j < dimensions; j++) {
                weights[j] = in.readFloat();
            }
            labels.add(new Label(weights, scoreWeight, bias));
        }
        return new ContextModel(encoder, ledeTokens, low, high, labels);
    }
}
