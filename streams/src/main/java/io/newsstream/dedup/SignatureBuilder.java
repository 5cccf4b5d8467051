package io.newsstream.dedup;

import io.newsstream.normalize.CanonicalTokens;
import io.newsstream.normalize.Token;
import com.dynatrace.hash4j.hashing.HashStream64;
import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import io.newsstream.schema.Signature;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * Describes an article body for near-duplicate detection (see README, "Syndicated copies"):
 * <ul>
 *   <li><b>anchors</b>: the keys candidates are looked up by, a sample of its shingles' 32-bit hashes (shingles
 *       of stopwords alone never count). A shingle is an anchor when its hash says so — about one in
 *       {@code anchorEvery} — whatever article it is in, so any passage two articles share (a truncated copy's
 *       first paragraphs, an updated version's kept sentences) brings its anchors along; the {@code minAnchors}
 *       smallest hashes are added so a short article has some too, and an article keeps at most
 *       {@code maxAnchors} (the smallest sampled);</li>
 *   <li><b>shingles</b>: the smallest 32-bit shingle hashes (all of them for articles of ordinary length), from
 *       which the containment of one article in another is computed;</li>
 *   <li><b>facts</b>: hashes of its numbers and of words capitalised mid-sentence. Copies carry their original's
 *       facts; template stories (earnings, blotters, readouts) share the formula but not the facts.</li>
 * </ul>
 * Pure and thread-safe.
 */
public final class SignatureBuilder {

    static final int SHINGLE_WORDS = 5;
    private static final Set<String> STOPWORDS = Set.of("a", "an", "the", "and", "or", "but", "of", "to", "in", "on",
            "at", "by", "for", "with", "from", "as", "is", "was", "are", "were", "be", "been", "it", "its", "that",
            "this", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "said", "says", "has", "have",
            "had", "not", "no", "will", "would", "could", "can", "which", "who", "after", "before", "also", "than");

    /** Longer words are never looked up in {@link #STOPWORDS}. */
    private static final int LONGEST_STOPWORD = STOPWORDS.stream().mapToInt(String::length).max().orElse(0);

    /**
     * Hash function of words, shingles and facts. Their values are kept in state and compared with those of
     * articles analysed months later, by other versions: hash4j guarantees them across its versions.
     */
    private static final Hasher64 HASH = Hashing.komihash5_0();

    private final int minAnchors;
    private final int anchorEvery;
    private final int maxAnchors;
    private final int maxShingles;

    /**
     * @param minAnchors  the smallest shingle hashes always taken as anchors
     * @param anchorEvery a shingle is an anchor when its hash is divisible by this (about one in so many)
     * @param maxAnchors  most anchors an article has
     * @param maxShingles how many shingle hashes a signature keeps at most
     */
    public SignatureBuilder(int minAnchors, int anchorEvery, int maxAnchors, int maxShingles) {
        this.minAnchors = minAnchors;
        this.anchorEvery = anchorEvery;
        this.maxAnchors = maxAnchors;
        this.maxShingles = maxShingles;
    }

    /** The exact fingerprint, anchors and signature of a body text. */
    public record Result(String exactHash, List<Long> anchors, Signature signature) {
    }

    public Result describe(String body) {
        return describe(body, CanonicalTokens.withOffsets(body));
    }

    /**
     * As above, for the tokens of one part of a text (offsets into {@code text}): the caller tokenises an
     * article once and describes its body without the headline or dateline.
     */
    public Result describe(String text, List<Token> tokens) {
        // Plain arrays: the loops below read every token several times, and callers may pass a sub-list view.
        String[] words = new String[tokens.size()];
        int[] starts = new int[tokens.size()];
        for (int i = 0; i < words.length; i++) {
            words[i] = tokens.get(i).text();
            starts[i] = tokens.get(i).start();
        }
        boolean[] quoted = quotedTokens(text, starts);
        long[] wordHashes = new long[words.length];
        // Running counts, so a shingle's five words are tested with two subtractions: quotedUpTo[i] is how many of
        // the first i words are quoted, contentUpTo[i] how many are not stopwords.
        int[] quotedUpTo = new int[words.length + 1];
        int[] contentUpTo = new int[words.length + 1];
        for (int i = 0; i < words.length; i++) {
            wordHashes[i] = wordHash(words[i]);
            quotedUpTo[i + 1] = quotedUpTo[i] + (quoted[i] ? 1 : 0);
            contentUpTo[i + 1] = contentUpTo[i] + (isStopword(words[i]) ? 0 : 1);
        }
        int count = Math.max(words.length == 0 ? 0 : 1, words.length - SHINGLE_WORDS + 1);
        // Each shingle as one long: its 32-bit hash in the high half (sort key), 1 in bit 0 when it is narrative.
        long[] shingles = new long[count];
        SmallestDistinct smallest = new SmallestDistinct(minAnchors);
        SmallestDistinct sampled = new SmallestDistinct(maxAnchors);
        HashStream64 stream = HASH.hashStream();
        for (int i = 0; i < count; i++) {
            int end = Math.min(words.length, i + SHINGLE_WORDS);
            long h = shingleHash(stream, wordHashes, i, end);
            shingles[i] = (h & 0xFFFFFFFF00000000L) | (quotedUpTo[end] > quotedUpTo[i] ? 0 : 1);
            if (contentUpTo[end] > contentUpTo[i]) {
                // The anchor is the shingle's 32-bit hash, as the signature keeps it; the low half decides the sample.
                long anchor = (int) (h >>> 32);
                smallest.offer(anchor);
                if (Long.remainderUnsigned(h & 0xFFFFFFFFL, anchorEvery) == 0) {
                    sampled.offer(anchor);
                }
            }
        }
        Arrays.sort(shingles);
        int distinct = 0;
        ByteBuffer kept = ByteBuffer.allocate(Math.min(count, maxShingles) * Integer.BYTES);
        BitSet narrative = new BitSet(Math.min(count, maxShingles)); // sized once, not grown bit by bit
        for (int i = 0; i < count; i++) {
            int hash = (int) (shingles[i] >>> 32);
            boolean repeat = i > 0 && (int) (shingles[i - 1] >>> 32) == hash;
            if (repeat) {
                // A repeated shingle is narrative if any occurrence is.
                if ((shingles[i] & 1) == 1 && distinct <= maxShingles) {
                    narrative.set(distinct - 1);
                }
                continue;
            }
            if (distinct < maxShingles) {
                kept.putInt(hash);
                narrative.set(distinct, (shingles[i] & 1) == 1);
            }
            distinct++;
        }
        int[] facts = factHashes(text, words, starts, wordHashes);
        Signature signature = Signature.newBuilder()
                .setShingleCount(distinct)
                .setShingles(kept.flip())
                .setNarrative(ByteBuffer.wrap(narrative.toByteArray()))
                .setFacts(pack(facts))
                .setFactCount(facts.length)
                .build();
        String exactHash = Fingerprints.exactHash(Arrays.asList(words));
        return new Result(exactHash, SmallestDistinct.union(smallest, sampled), signature);
    }

    /**
     * Numbers, and words of two or more letters capitalised where a sentence does not begin: their distinct
     * hashes (the low half of the word's hash), ascending.
     */
    static int[] factHashes(String text, String[] words, int[] starts, long[] wordHashes) {
        int[] facts = new int[words.length];
        int count = 0;
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            boolean name = word.length() >= 2 && Character.isUpperCase(text.charAt(starts[i])) && !startsSentence(text, starts[i]);
            if (hasDigit(word) || name) {
                facts[count++] = (int) wordHashes[i];
            }
        }
        Arrays.sort(facts, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (distinct == 0 || facts[distinct - 1] != facts[i]) {
                facts[distinct++] = facts[i];
            }
        }
        return Arrays.copyOf(facts, distinct);
    }

    private static boolean hasDigit(String word) {
        for (int k = 0; k < word.length(); k++) {
            if (Character.isDigit(word.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsSentence(String text, int start) {
        int i = start - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '"' || text.charAt(i) == '\'' || text.charAt(i) == '(')) {
            i--;
        }
        if (i < 0) {
            return true;
        }
        char c = text.charAt(i);
        return c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == '—';
    }

    /**
     * Which tokens (given by their start offsets, ascending) sit inside double quotation marks; quotes are closed
     * at each paragraph, as news style does. The text is read from its beginning, so a quote opened before the
     * first token counts.
     */
    static boolean[] quotedTokens(String text, int[] starts) {
        boolean[] quoted = new boolean[starts.length];
        boolean inQuote = false;
        int i = 0;
        for (int t = 0; t < starts.length; t++) {
            for (; i <= starts[t]; i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    inQuote = !inQuote;
                } else if (c == '\n') {
                    inQuote = false;
                }
            }
            quoted[t] = inQuote;
        }
        return quoted;
    }

    private static boolean isStopword(String word) {
        return word.length() <= LONGEST_STOPWORD && STOPWORDS.contains(word);
    }

    static ByteBuffer pack(int[] ascending) {
        ByteBuffer buffer = ByteBuffer.allocate(ascending.length * Integer.BYTES);
        for (int value : ascending) {
            buffer.putInt(value);
        }
        return buffer.flip();
    }

    static int[] unpack(ByteBuffer packed) {
        ByteBuffer b = packed.duplicate();
        int[] values = new int[b.remaining() / Integer.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = b.getInt();
        }
        return values;
    }

    static long wordHash(String word) {
        return HASH.hashCharsToLong(word);
    }

    /** The hash of the words' hashes in order. */
    static long shingleHash(HashStream64 stream, long[] wordHashes, int from, int to) {
        stream.reset();
        for (int i = from; i < to; i++) {
            stream.putLong(wordHashes[i]);
        }
        return stream.getAsLong();
    }
}
