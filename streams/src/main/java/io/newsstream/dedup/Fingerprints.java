package io.newsstream.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Content fingerprints of an article body, computed from its canonical tokens (so encoding, case,
 * accents and house style do not change them).
 * <ul>
 *   <li>the exact hash: equal when the canonical token sequences are equal;</li>
 *   <li>a 64-bit SimHash over word 3-shingles: close in Hamming distance for near-duplicates.</li>
 * </ul>
 * Pure and thread-safe.
 */
public final class Fingerprints {

    private static final int SHINGLE = 3;

    private Fingerprints() {
    }

    /** Hex of the first 128 bits of SHA-256 over the tokens. */
    public static String exactHash(List<String> tokens) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
        for (String t : tokens) {
            sha.update(t.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) ' ');
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    /** SimHash over word shingles; texts shorter than one shingle hash their tokens as one shingle. */
    public static long simHash(List<String> tokens) {
        int[] votes = new int[64];
        int shingles = Math.max(1, tokens.size() - SHINGLE + 1);
        for (int i = 0; i < shingles; i++) {
            long h = shingleHash(tokens, i, Math.min(tokens.size(), i + SHINGLE));
            for (int bit = 0; bit < 64; bit++) {
                votes[bit] += ((h >>> bit) & 1) == 1 ? 1 : -1;
            }
        }
        long simHash = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (votes[bit] > 0) {
                simHash |= 1L << bit;
            }
        }
        return simHash;
    }

    /** 64-bit FNV-1a over the shingle's characters, finished with a murmur-style mix for even bits. */
    static long shingleHash(List<String> tokens, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            String t = tokens.get(i);
            for (int k = 0; k < t.length(); k++) {
                h ^= t.charAt(k);
                h *= 0x100000001b3L;
            }
            h ^= ' ';
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
