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
        // One encoding and one digest update for the whole text: the same bytes as token by token (spaces keep
        // the tokens' encodings apart), without a small array and a digest call per token.
        StringBuilder text = new StringBuilder();
        for (String t : tokens) {
            text.append(t).append(' ');
        }
        return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)), 0, 16);
    }
}
