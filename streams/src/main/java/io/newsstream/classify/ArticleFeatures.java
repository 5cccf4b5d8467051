package io.newsstream.classify;

import io.newsstream.normalize.Token;
import java.util.Arrays;
import java.util.List;

/**
 * What the learned classifier reads of an article, as a sparse vector over {@value #BITS}-bit hashed indexes:
 * <ul>
 *   <li>headline words, body words and adjacent body word pairs (words with digits left out), each counted
 *       sublinearly (1 + ln n) and the whole text part scaled to unit length, so long and short articles weigh
 *       alike;</li>
 *   <li>for each label, the taxonomy rules' score for it: the rules become evidence the model weighs, not the
 *       decision.</li>
 * </ul>
 * Each text feature remembers the first token it came from, so a label's evidence can point at the words that
 * weighed most. Hashing keeps the model a fixed size whatever the vocabulary. A word's hash is its
 * {@code String.hashCode()} — its formula is part of the Java SE API specification, and the rules' lookups have
 * already computed and cached it in the string — spread over 64 bits by the SplitMix64 finaliser; it is part of the
 * model format. Pure.
 */
public final class ArticleFeatures {

    public static final int BITS = 18;
    public static final int DIMENSIONS = 1 << BITS;

    private static final long TITLE = 0x9E3779B97F4A7C15L;
    private static final long BODY = 0xC2B2AE3D27D4EB4FL;
    private static final long PAIR_SEED = 0x165667B19E3779F9L;
    private static final long RULE = 0x27D4EB2F165667C5L;

    /**
     * @param index      feature indexes, ascending and distinct
     * @param value      their values
     * @param firstToken for each, the token it first came from, with {@link #PAIR} set for a word pair (then the
     *                   first of its two words); for the rules' score of the label at position r, {@code -(r + 1)}
     */
    public record Vector(int[] index, float[] value, int[] firstToken) {
    }

    /** Marks a word pair's token in {@link Vector#firstToken()}. */
    public static final int PAIR = 1 << 30;

    private ArticleFeatures() {
    }

    /**
     * @param tokens   canonical tokens of the article's full text (headline, blank line, body)
     * @param titleEnd where the headline ends in that text (0 when there is none)
     * @param rules    the taxonomy rules' scores, in taxonomy order
     */
    public static Vector of(List<Token> tokens, int titleEnd, List<LabelScore> rules) {
        int n = tokens.size();
        // Each occurrence as one long: feature index in the high half, token position in the low half, so sorting
        // groups a feature's occurrences with its first one first.
        long[] occurrences = new long[2 * n];
        int count = 0;
        long previous = 0;
        boolean previousInBody = false;
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            if (hasDigit(t.text())) {
                previousInBody = false;
                continue;
            }
            long h = mix(t.text().hashCode());
            boolean inBody = t.start() >= titleEnd;
            occurrences[count++] = occurrence(index(mix(h ^ (inBody ? BODY : TITLE))), i);
            if (inBody && previousInBody) {
                occurrences[count++] = occurrence(index(mix((previous * 31 + h) ^ PAIR_SEED)), (i - 1) | PAIR);
            }
            previous = h;
            previousInBody = inBody;
        }
        Arrays.sort(occurrences, 0, count);
        int textFeatures = 0;
        int[] index = new int[count + rules.size()];
        float[] value = new float[count + rules.size()];
        int[] first = new int[count + rules.size()];
        double norm = 0;
        for (int i = 0; i < count; ) {
            int feature = (int) (occurrences[i] >>> 32);
            int j = i;
            while (j < count && (int) (occurrences[j] >>> 32) == feature) {
                j++;
            }
            float v = sublinear(j - i);
            index[textFeatures] = feature;
            value[textFeatures] = v;
            first[textFeatures] = (int) occurrences[i];
            norm += v * v;
            textFeatures++;
            i = j;
        }
        float scale = norm == 0 ? 0 : (float) (1 / StrictMath.sqrt(norm));
        for (int i = 0; i < textFeatures; i++) {
            value[i] *= scale;
        }
        return withRules(index, value, first, textFeatures, rules);
    }

    /** 1 + ln n, from a table for the counts words have. */
    private static float sublinear(int n) {
        return n < SUBLINEAR.length ? SUBLINEAR[n] : (float) (1 + StrictMath.log(n));
    }

    private static final float[] SUBLINEAR = new float[64];

    static {
        for (int n = 1; n < SUBLINEAR.length; n++) {
            SUBLINEAR[n] = (float) (1 + StrictMath.log(n));
        }
    }

    /** The index of the rules' score for a label. */
    static int ruleIndex(String label) {
        return index(mix(mix(label.hashCode()) ^ RULE));
    }

    /** SplitMix64's finaliser: every input bit moves every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int index(long hash) {
        return (int) (hash >>> (64 - BITS));
    }

    private static long occurrence(int feature, int token) {
        return (long) feature << 32 | token;
    }

    /** The text features (ascending) merged with the rules' (a collision adds up, as hashing does). */
    private static Vector withRules(int[] index, float[] value, int[] first, int textFeatures, List<LabelScore> rules) {
        long[] ruleFeatures = new long[rules.size()];
        for (int r = 0; r < ruleFeatures.length; r++) {
            ruleFeatures[r] = (long) ruleIndex(rules.get(r).label()) << 32 | r;
        }
        Arrays.sort(ruleFeatures);
        int size = textFeatures + ruleFeatures.length;
        int[] outIndex = new int[size];
        float[] outValue = new float[size];
        int[] outFirst = new int[size];
        int m = 0;
        int t = 0;
        int r = 0;
        while (t < textFeatures || r < ruleFeatures.length) {
            boolean takeRule = t == textFeatures
                    || r < ruleFeatures.length && (int) (ruleFeatures[r] >>> 32) < index[t];
            int idx = takeRule ? (int) (ruleFeatures[r] >>> 32) : index[t];
            float v = takeRule ? (float) rules.get((int) ruleFeatures[r]).score() : value[t];
            int from = takeRule ? -((int) ruleFeatures[r] + 1) : first[t];
            if (takeRule) {
                r++;
            } else {
                t++;
            }
            if (m > 0 && outIndex[m - 1] == idx) {
                outValue[m - 1] += v;
                continue;
            }
            outIndex[m] = idx;
            outValue[m] = v;
            outFirst[m] = from;
            m++;
        }
        return new Vector(Arrays.copyOf(outIndex, m), Arrays.copyOf(outValue, m), Arrays.copyOf(outFirst, m));
    }

    private static boolean hasDigit(String word) {
        for (int k = 0; k < word.length(); k++) {
            if (Character.isDigit(word.charAt(k))) {
                return true;
            }
        }
        return false;
    }
}
