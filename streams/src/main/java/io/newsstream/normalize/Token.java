package io.newsstream.normalize;

/**
 * A canonical token and where it came from in the text.
 *
 * @param text  the canonical form (lower case, no accents)
 * @param start offset of its first character in the source text
 * @param end   offset after its last character in the source text
 */
public record Token(String text, int start, int end) {
}
