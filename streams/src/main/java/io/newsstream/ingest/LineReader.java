package io.newsstream.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;

/**
 * Reads an input of any size a line at a time in bounded memory: a line longer than the limit is skipped to its end
 * and reported, never buffered whole. Line ends are LF, CRLF or a lone CR; the encoding is UTF-8 unless a byte-order
 * mark announces UTF-16 (see {@link TextEncoding}); each line is decoded on its own, so one bad line does not lose
 * the rest.
 */
final class LineReader {

    /**
     * One line of the input.
     *
     * @param number    1-based line number
     * @param text      the decoded line, or null when it could not be read (see {@code error})
     * @param sizeBytes the line's size in bytes, without its line end
     * @param error     why the line could not be read, or null
     */
    record Line(long number, String text, long sizeBytes, String error) {
    }

    private static final int CR = '\r';
    private static final int LF = '\n';
    private static final int END = -1;

    private final PushbackInputStream in;
    private final long maxLineBytes;
    private TextEncoding encoding;
    private byte[] buffer = new byte[8192];
    private int length;
    private long lineSize;
    private long number;
    /** The previous line ended with CR: an LF right after it belongs to that line end. */
    private boolean afterCr;
    /** Whether the last line returned ended with a line end (or none was read): the input's end then adds no line. */
    private boolean atLineStart = true;

    /** @param in the input, best buffered; its mark is left alone, so a caller may reset to where reading began */
    LineReader(InputStream in, long maxLineBytes) {
        this.in = new PushbackInputStream(in, 3);
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of the input. */
    Line next() throws IOException {
        if (encoding == null) {
            detectEncoding();
        }
        length = 0;
        lineSize = 0;
        while (true) {
            int unit = readUnit();
            if (unit == END) {
                if (atLineStart && lineSize == 0) {
                    return null;
                }
                atLineStart = true;
                return line();
            }
            boolean lfOfCrLf = afterCr && unit == LF;
            afterCr = unit == CR;
            if (lfOfCrLf) {
                continue;
            }
            if (unit == LF || unit == CR) {
                atLineStart = true;
                return line();
            }
            atLineStart = false;
        }
    }

    private Line line() {
        number++;
        if (lineSize > maxLineBytes) {
            return new Line(number, null, lineSize, "too large: " + lineSize + " bytes, the limit is " + maxLineBytes
                    + " bytes (set ingest.max-bytes to raise it)");
        }
        try {
            return new Line(number, encoding.decode(buffer, 0, length), lineSize, null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, lineSize, encoding.notDecodableReason());
        }
    }

    /**
     * Reads one code unit; its bytes join the line unless it turns out to be a line end (which {@link #next} then
     * takes back). A dangling half unit at the end stays in the line, where decoding reports it.
     */
    private int readUnit() throws IOException {
        int first = in.read();
        if (first < 0) {
            return END;
        }
        int unit = first;
        if (encoding.unitBytes == 2) {
            int second = in.read();
            if (second < 0) {
                keep(first, -1, 1);
                return END;
            }
            unit = encoding == TextEncoding.UTF_16LE ? first | second << 8 : first << 8 | second;
            if (unit != LF && unit != CR) {
                keep(first, second, 2);
            }
        } else if (unit != LF && unit != CR) {
            keep(first, -1, 1);
        }
        return unit;
    }

    private void keep(int first, int second, int size) {
        lineSize += size;
        if (lineSize > maxLineBytes) {
            return;
        }
        if (length + 2 > buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        buffer[length++] = (byte) first;
        if (size == 2) {
            buffer[length++] = (byte) second;
        }
    }

    private void detectEncoding() throws IOException {
        byte[] head = new byte[3];
        int n = in.readNBytes(head, 0, 3);
        encoding = TextEncoding.detect(head, n);
        in.unread(head, encoding.bomBytes, n - encoding.bomBytes);
    }
}
