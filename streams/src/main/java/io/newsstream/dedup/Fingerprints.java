package io.newsstream.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The exact fingerprint of an article body: equal when the canonical token sequences are equal. Pure. */
public final class Fingerprints {

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
}
