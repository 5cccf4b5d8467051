package io.newsstream.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The encodings ingest reads: UTF-8, and UTF-16 (little or big endian) when a byte-order mark announces it. Anything
 * else must be valid UTF-8; there is no guessing, because a wrong guess silently corrupts the text. Pure.
 */
enum TextEncoding {
    UTF_8(StandardCharsets.UTF_8, 1, 0),
    UTF_8_BOM(StandardCharsets.UTF_8, 1, 3),
    UTF_16LE(StandardCharsets.UTF_16LE, 2, 2),
    UTF_16BE(StandardCharsets.UTF_16BE, 2, 2);

    final Charset charset;
    /** Bytes per code unit: line ends are looked for a unit at a time. */
    final int unitBytes;
    /** Length of the byte-order mark that announced the encoding. */
    final int bomBytes;

    TextEncoding(Charset charset, int unitBytes, int bomBytes) {
        this.charset = charset;
        this.unitBytes = unitBytes;
        this.bomBytes = bomBytes;
    }

    /** The encoding announced by the first bytes of an input (UTF-8 when nothing is announced). */
    static TextEncoding detect(byte[] head, int length) {
        if (length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return UTF_8_BOM;
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return UTF_16LE;
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return UTF_16BE;
        }
        return UTF_8;
    }

    /** Decodes strictly: malformed input is an error, never replaced. */
    String decode(byte[] bytes, int offset, int length) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, length))
                .toString();
    }

    /** Decodes a whole input, byte-order mark detected and dropped. */
    static String decodeWhole(byte[] bytes) throws CharacterCodingException {
        TextEncoding encoding = detect(bytes, bytes.length);
        return encoding.decode(bytes, encoding.bomBytes, bytes.length - encoding.bomBytes);
    }

    /** The reason a person can act on when an input is not in an encoding ingest reads. */
    String notDecodableReason() {
        return this == UTF_16LE || this == UTF_16BE
                ? "not valid " + charset.name() + " text although its byte-order mark says so"
                : "not valid UTF-8 text (convert it to UTF-8, or to UTF-16 with a byte-order mark)";
    }
}
