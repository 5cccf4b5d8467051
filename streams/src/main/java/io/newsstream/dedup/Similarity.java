package io.newsstream.dedup;

import io.newsstream.schema.Signature;
import java.util.Arrays;
import java.util.BitSet;

/**
 * How much of one article's text and facts another article carries.
 *
 * @param containment   share of the shorter article's shingles found in the other (exact when both signatures
 *                      hold every shingle, otherwise the bottom-k estimate)
 * @param factOverlap   share of the fact words of the article with fewer that the other also has (1 when neither has any)
 * @param sharedShingles how many shingles the two share (estimated for long articles)
 * @param lengthRatio   shingle count of the shorter over that of the longer
 * @param narrativeContainment containment counting only shingles outside quotation marks (-1 when either
 *                      article has too little narrative text to tell)
 */
public record Similarity(double containment, double factOverlap, int sharedShingles, double lengthRatio,
                         double narrativeContainment) {

    /** Fewer narrative shingles than this and the narrative test does not apply. */
    static final int MIN_NARRATIVE_SHINGLES = 10;

    /** A signature unpacked once, to be compared with many others. */
    public record Prepared(Signature signature, int[] shingles) {
        public static Prepared of(Signature signature) {
            return new Prepared(signature, SignatureBuilder.unpack(signature.getShingles()));
        }
    }

    public static Similarity between(Signature a, Signature b) {
        return between(Prepared.of(a), Prepared.of(b));
    }

    /** Containment alone: the cheap first test, before facts and narrative are compared. */
    public static double containment(Prepared a, Prepared b) {
        return shingleOverlap(a, b)[0];
    }

    public static Similarity between(Prepared pa, Prepared pb) {
        double[] overlap = shingleOverlap(pa, pb);
        Signature a = pa.signature();
        Signature b = pb.signature();
        int na = a.getShingleCount();
        int nb = b.getShingleCount();
        double lengthRatio = Math.max(na, nb) == 0 ? 1 : (double) Math.min(na, nb) / Math.max(na, nb);
        return new Similarity(overlap[0], factOverlap(a, b), (int) overlap[1], lengthRatio,
                narrativeContainment(a, pa.shingles(), b, pb.shingles()));
    }

    /** Containment and the number of shared shingles. */
    private static double[] shingleOverlap(Prepared pa, Prepared pb) {
        int[] sa = pa.shingles();
        int[] sb = pb.shingles();
        int na = pa.signature().getShingleCount();
        int nb = pb.signature().getShingleCount();
        double containment;
        int shared;
        if (sa.length == na && sb.length == nb) {
            shared = intersection(sa, sa.length, sb, sb.length);
            containment = Math.min(na, nb) == 0 ? 0 : (double) shared / Math.min(na, nb);
        } else {
            // Bottom-k: among the k smallest hashes of the union, the share in both estimates the Jaccard index.
            int k = Math.min(sa.length, sb.length);
            int i = 0;
            int j = 0;
            int union = 0;
            int inBoth = 0;
            while (union < k && i < sa.length && j < sb.length) {
                if (sa[i] == sb[j]) {
                    inBoth++;
                    i++;
                    j++;
                } else if (sa[i] < sb[j]) {
                    i++;
                } else {
                    j++;
                }
                union++;
            }
            double jaccard = union == 0 ? 0 : (double) inBoth / union;
            double intersection = jaccard * (na + nb) / (1 + jaccard);
            shared = (int) Math.round(intersection);
            containment = Math.min(1.0, intersection / Math.min(na, nb));
        }
        return new double[] {containment, shared};
    }

    private static double narrativeContainment(Signature a, int[] sa, Signature b, int[] sb) {
        // Sampled signatures cover the hash range up to their largest kept hash: compare only the common range.
        int cutoff = Integer.MAX_VALUE;
        if (sa.length < a.getShingleCount() && sa.length > 0) {
            cutoff = Math.min(cutoff, sa[sa.length - 1]);
        }
        if (sb.length < b.getShingleCount() && sb.length > 0) {
            cutoff = Math.min(cutoff, sb[sb.length - 1]);
        }
        int[] na = narrativeOnly(sa, BitSet.valueOf(a.getNarrative().duplicate()), cutoff);
        int[] nb = narrativeOnly(sb, BitSet.valueOf(b.getNarrative().duplicate()), cutoff);
        int fewer = Math.min(na.length, nb.length);
        return fewer < MIN_NARRATIVE_SHINGLES ? -1 : (double) intersection(na, na.length, nb, nb.length) / fewer;
    }

    private static int[] narrativeOnly(int[] shingles, BitSet narrative, int cutoff) {
        int[] out = new int[shingles.length];
        int n = 0;
        for (int i = 0; i < shingles.length && shingles[i] <= cutoff; i++) {
            if (narrative.get(i)) {
                out[n++] = shingles[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static double factOverlap(Signature a, Signature b) {
        int[] fa = SignatureBuilder.unpack(a.getFacts());
        int[] fb = SignatureBuilder.unpack(b.getFacts());
        int fewer = Math.min(fa.length, fb.length);
        return fewer == 0 ? 1.0 : (double) intersection(fa, fa.length, fb, fb.length) / fewer;
    }

    /** Size of the intersection of two ascending arrays. */
    static int intersection(int[] a, int na, int[] b, int nb) {
        int i = 0;
        int j = 0;
        int shared = 0;
        while (i < na && j < nb) {
            if (a[i] == b[j]) {
                shared++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return shared;
    }

}
