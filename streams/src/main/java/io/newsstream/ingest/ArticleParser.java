package io.newsstream.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.schema.RawArticle;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns the bytes of one input into articles or rejections. Knows the three input formats:
 * <ul>
 *   <li>{@code .txt}: the first non-empty line is the headline, the rest the body;</li>
 *   <li>{@code .json}: one article object with {@code id, source, url, title, body, publishedAt, language}
 *       (only {@code body} is required);</li>
 *   <li>{@code .jsonl}: one such object per line.</li>
 * </ul>
 * Pure: no I/O, no Kafka; the clock is passed in.
 */
public final class ArticleParser {

    /** Input formats by what the file name ends with. */
    public enum Format { TEXT, JSON, JSON_LINES }

    /** Trailing content after the object is an error: "{...} junk" is not one article. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final long maxBytes;

    public ArticleParser(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The format of a file name, or null when newsstream does not read that kind of file. */
    public static Format formatOf(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".txt")) {
            return Format.TEXT;
        }
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
            return Format.JSON_LINES;
        }
        if (n.endsWith(".json")) {
            return Format.JSON;
        }
        return null;
    }

    /** Guesses the format of unnamed input (stdin): JSON when it starts with '{', else text. */
    public static Format sniff(String text) {
        String t = text.stripLeading();
        if (!t.startsWith("{")) {
            return Format.TEXT;
        }
        try {
            JSON.readTree(t);
            return Format.JSON;
        } catch (JsonProcessingException e) {
            return Format.JSON_LINES;
        }
    }

    /** Parses a whole input. {@code origin} names it in every outcome and seeds derived ids. */
    public List<IngestOutcome> parse(String origin, byte[] bytes, Format format, Instant now) {
        if (bytes.length > maxBytes && format != Format.JSON_LINES) {
            return List.of(tooLarge(origin, bytes.length));
        }
        String text;
        try {
            text = decodeUtf8(bytes);
        } catch (CharacterCodingException e) {
            return List.of(IngestOutcome.Rejected.of(origin, "not valid UTF-8 text (convert it to UTF-8 first)", null, bytes.length));
        }
        return switch (format) {
            case TEXT -> List.of(parseText(origin, text, bytes.length, now));
            case JSON -> List.of(parseJson(origin, text, bytes.length, now));
            case JSON_LINES -> parseJsonLines(origin, text, now);
        };
    }

    /** Parses one line of a JSON Lines input. */
    public IngestOutcome parseJsonLine(String origin, String line, Instant now) {
        long size = line.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBytes) {
            return tooLarge(origin, size);
        }
        return parseJson(origin, line, size, now);
    }

    private List<IngestOutcome> parseJsonLines(String origin, String text, Instant now) {
        List<IngestOutcome> outcomes = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                outcomes.add(parseJsonLine(origin + "#" + (i + 1), lines[i], now));
            }
        }
        if (outcomes.isEmpty()) {
            outcomes.add(IngestOutcome.Rejected.of(origin, "no articles: the file has no non-blank lines", text, text.length()));
        }
        return outcomes;
    }

    private IngestOutcome parseText(String origin, String text, long size, Instant now) {
        String[] lines = text.split("\r?\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first == lines.length) {
            return IngestOutcome.Rejected.of(origin, "file is empty", text, size);
        }
        String title = lines[first].strip();
        String body = String.join("\n", Arrays.copyOfRange(lines, first + 1, lines.length)).strip();
        if (body.isEmpty()) {
            return IngestOutcome.Rejected.of(origin, "body is empty: a text article needs a headline line followed by the body", text, size);
        }
        String id = ArticleIds.derive(origin, title, body);
        return accepted(id, origin, null, null, title, body, null, null, now);
    }

    private IngestOutcome parseJson(String origin, String text, long size, Instant now) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return IngestOutcome.Rejected.of(origin, "invalid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), text, size);
        }
        if (node == null || !node.isObject()) {
            return IngestOutcome.Rejected.of(origin, "expected a JSON object with at least a \"body\" field", text, size);
        }
        try {
            String body = optionalText(node, "body");
            if (body == null || body.isBlank()) {
                return IngestOutcome.Rejected.of(origin, "body is empty or missing: \"body\" is required", text, size);
            }
            String title = optionalText(node, "title");
            String source = optionalText(node, "source");
            String url = optionalText(node, "url");
            String language = optionalText(node, "language");
            Long publishedAt = timestamp(node.get("publishedAt"));
            String givenId = optionalText(node, "id");
            String id = givenId != null && !givenId.isBlank() ? givenId.strip()
                    : ArticleIds.derive(origin, title, body, source, url, publishedAt == null ? null : publishedAt.toString());
            return accepted(id, origin, source, url, title, body.strip(), publishedAt, language, now);
        } catch (IllegalArgumentException e) {
            return IngestOutcome.Rejected.of(origin, e.getMessage(), text, size);
        }
    }

    private static IngestOutcome accepted(String id, String origin, String source, String url, String title,
                                          String body, Long publishedAt, String language, Instant now) {
        return new IngestOutcome.Accepted(RawArticle.newBuilder()
                .setId(id).setOrigin(origin).setSource(source).setUrl(url).setTitle(title).setBody(body)
                .setPublishedAt(publishedAt == null ? null : Instant.ofEpochMilli(publishedAt))
                .setLanguage(language).setIngestedAt(now)
                .build());
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field \"" + field + "\" must be a string, got " + v.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return v.asText();
    }

    /** ISO-8601 with an offset ({@code 2026-03-01T12:00:00Z}) or epoch milliseconds. */
    private static Long timestamp(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                return OffsetDateTime.parse(v.asText().strip()).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("field \"publishedAt\" is not an ISO-8601 timestamp with offset "
                        + "(e.g. 2026-03-01T12:00:00Z): '" + v.asText() + "'");
            }
        }
        throw new IllegalArgumentException("field \"publishedAt\" must be an ISO-8601 string or epoch milliseconds");
    }

    private IngestOutcome.Rejected tooLarge(String origin, long size) {
        return new IngestOutcome.Rejected(origin, "too large: " + size + " bytes, the limit is " + maxBytes
                + " bytes (set ingest.max-bytes to raise it)", null, size);
    }

    static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
