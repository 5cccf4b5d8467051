package io.newsstream.ingest;

/**
 * Makes accepted text safe to store and to show: line ends (CRLF, lone CR) become LF; terminal escape sequences
 * (ANSI CSI such as {@code ESC[31m}, OSC such as {@code ESC]0;title BEL}) and every other control character except
 * newline and tab are removed, and counted. A title is one line: its line breaks and tabs become spaces. Pure.
 */
final class TextCleaner {

    private static final char ESC = 0x1B;
    private static final char BEL = 0x07;

    /**
     * The cleaned text, and how many characters were removed from it.
     *
     * @param stray control characters removed that were not part of an escape sequence: many of them mean binary data
     */
    record Cleaned(String text, int removed, int stray) {
    }

    private TextCleaner() {
    }

    static Cleaned body(String text) {
        return clean(text, false);
    }

    static Cleaned title(String text) {
        return clean(text, true);
    }

    private static Cleaned clean(String text, boolean oneLine) {
        StringBuilder out = new StringBuilder(text.length());
        int removed = 0;
        int stray = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append(oneLine ? ' ' : '\n');
                i += i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
            } else if (c == ESC) {
                int end = escapeEnd(text, i);
                removed += end - i;
                i = end;
            } else if (c == '\n' || c == '\t') {
                out.append(oneLine ? ' ' : c);
                i++;
            } else if (isControl(c)) {
                removed++;
                stray++;
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return new Cleaned(out.toString(), removed, stray);
    }

    /** C0 controls, DEL and the C1 controls (which some terminals also interpret, U+009B as CSI). */
    static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F;
    }

    /** The index after the escape sequence starting at {@code start} (an ESC). */
    private static int escapeEnd(String text, int start) {
        int i = start + 1;
        if (i >= text.length()) {
            return i;
        }
        char kind = text.charAt(i);
        if (kind == '[') {
            // CSI: parameter and intermediate bytes, then one final byte in @..~.
            i++;
            while (i < text.length() && text.charAt(i) >= 0x20 && text.charAt(i) <= 0x3F) {
                i++;
            }
            return i < text.length() && text.charAt(i) >= 0x40 && text.charAt(i) <= 0x7E ? i + 1 : i;
        }
        if (kind == ']' || kind == 'P' || kind == '_' || kind == '^') {
            // OSC, DCS, APC, PM: a string ended by BEL or ESC \ (String Terminator); an unterminated one runs to the end
            // of the line, never further.
            i++;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == BEL) {
                    return i + 1;
                }
                if (c == ESC) {
                    return i + 1 < text.length() && text.charAt(i + 1) == '\\' ? i + 2 : i;
                }
                if (c == '\n' || c == '\r') {
                    return i;
                }
                i++;
            }
            return i;
        }
        // Any other escape: ESC and the one character after it.
        return isControl(kind) ? i : i + 1;
    }
}
