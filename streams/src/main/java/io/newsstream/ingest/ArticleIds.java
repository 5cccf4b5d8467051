package io.newsstream.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives stable article ids. An id is a hash of the input's origin and its content, so re-ingesting the
 * same input yields the same id (replays are idempotent downstream), while two different inputs — even
 * two files with identical text — never share one (the second is then a copy, not a replay).
 */
public final class ArticleIds {

    /** 20 hex characters: 80 bits, ample against collisions for any archive size a newsroom has. */
    private static final int ID_BYTES = 10;

    private ArticleIds() {
    }

    public static String derive(String origin, String... contentParts) {
        MessageDigest sha = sha256();
        update(sha, origin);
        for (String part : contentParts) {
            update(sha, part);
        }
        byte[] digest = sha.digest();
        return HexFormat.of().formatHex(digest, 0, ID_BYTES);
    }

    private static void update(MessageDigest sha, String part) {
        // A separator that cannot occur in text keeps ("ab","c") and ("a","bc") apart; null differs from "".
        sha.update(part == null ? new byte[] {1} : part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
