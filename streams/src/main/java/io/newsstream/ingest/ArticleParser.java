package io.newsstream.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.schema.RawArticle;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one parser and validator of ingest: turns one input — a whole {@code .txt} or {@code .json} file, or one line
 * of a {@code .jsonl} archive — into an accepted article or a rejection with a reason. It never throws: whatever
 * the bytes, the caller gets an outcome. Formats:
 * <ul>
 *   <li>{@code .txt}: the first non-empty line is the headline, the rest the body;</li>
 *   <li>{@code .json}: one article object with {@code id, source, url, title, body, publishedAt, language}
 *       (only {@code body} is required);</li>
 *   <li>{@code .jsonl}: one such object per line (read by {@link InputReader} a line at a time).</li>
 * </ul>
 * Text is UTF-8, or UTF-16 announced by a byte-order mark; line ends LF, CRLF or CR. Control characters other than
 * newline and tab are removed from titles and bodies (see {@link TextCleaner}) and counted in the outcome.
 * Limits: input size, headline length, JSON nesting depth, and a share of control characters beyond which the input
 * is binary data rather than text. Pure: no I/O, no Kafka; the clock is passed in.
 */
public final class ArticleParser {

    /** Input formats by what the file name ends with. */
    public enum Format { TEXT, JSON, JSON_LINES, HTML }

    /** An article is a flat object: nesting beyond this is refused before it costs stack or memory. */
    static final int MAX_JSON_DEPTH = 32;
    /** More control characters than this share of the text means binary data, not an article with a stray byte. */
    static final double MAX_CONTROL_SHARE = 0.02;

    private static final Logger LOG = LoggerFactory.getLogger(ArticleParser.class);

    /** Trailing content after the object is an error: "{...} junk" is not one article. */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final long maxBytes;
    private final int maxTitleChars;

    public ArticleParser(long maxBytes, int maxTitleChars) {
        this.maxBytes = maxBytes;
        this.maxTitleChars = maxTitleChars;
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
        if (n.endsWith(".html") || n.endsWith(".htm")) {
            return Format.HTML;
        }
        return null;
    }

    /** True when a line of JSON is one whole object: stdin that starts with one is read as JSON Lines. */
    static boolean isJsonObject(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.isObject();
        } catch (JsonProcessingException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Parses a whole {@code .txt} or {@code .json} input. {@code origin} names it in the outcome and seeds derived
     * ids. Never throws.
     */
    public IngestOutcome parse(String origin, byte[] bytes, Format format, Instant now) {
        if (bytes.length > maxBytes) {
            return tooLarge(origin, bytes.length);
        }
        String text;
        try {
            text = TextEncoding.decodeWhole(bytes);
        } catch (CharacterCodingException e) {
            return IngestOutcome.Rejected.of(origin, TextEncoding.detect(bytes, bytes.length).notDecodableReason(), null, bytes.length);
        }
        return guarded(origin, text, bytes.length, () -> switch (format) {
            case TEXT -> parseText(origin, text, bytes.length, now);
            case HTML -> parseHtml(origin, text, bytes.length, now);
            default -> parseJson(origin, text, bytes.length, now);
        });
    }

    /** Parses one decoded line of a JSON Lines input. Never throws. */
    public IngestOutcome parseJsonLine(String origin, String line, long sizeBytes, Instant now) {
        if (sizeBytes > maxBytes) {
            return tooLarge(origin, sizeBytes);
        }
        return guarded(origin, line, sizeBytes, () -> parseJson(origin, line, sizeBytes, now));
    }

    private interface Parse {
        IngestOutcome run();
    }

    /** The promise that no input crashes a run: a parser bug rejects that input, with a reason, and is logged. */
    private static IngestOutcome guarded(String origin, String text, long size, Parse parse) {
        try {
            return parse.run();
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("Parser failed on {}; the input is rejected", origin, e);
            return IngestOutcome.Rejected.of(origin, "cannot be parsed (" + e + "); please report this input", text, size);
        }
    }

    private IngestOutcome parseText(String origin, String text, long size, Instant now) {
        String[] lines = text.split("\r\n|\r|\n", -1);
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
        return accepted(origin, text, size, new Fields(id, null, null, title, body, null, null), now);
    }

    /** An HTML page: its headline and article paragraphs ({@link HtmlArticle}), the rest of the page left out. */
    private IngestOutcome parseHtml(String origin, String text, long size, Instant now) {
        HtmlArticle.Extracted page = HtmlArticle.extract(text);
        if (page.body().isBlank()) {
            return IngestOutcome.Rejected.of(origin, "no article text found in the HTML page (no paragraphs of "
                    + "some length outside navigation, ads and comments)", text, size);
        }
        String title = page.title().isBlank() ? null : page.title();
        String id = ArticleIds.derive(origin, title, page.body());
        Long published = page.publishedAt().map(Instant::toEpochMilli).orElse(null);
        return accepted(origin, text, size, new Fields(id, null, null, title, page.body(), published, null), now);
    }

    /** A whole page read for its story; a fragment (a feed item's description, a CMS export's body) read whole. */
    private static String htmlBody(String html) {
        return HtmlArticle.isPage(html) ? HtmlArticle.extract(html).body() : HtmlArticle.text(html);
    }

    private IngestOutcome parseJson(String origin, String text, long size, Instant now) {
        if (text.isBlank()) {
            return IngestOutcome.Rejected.of(origin, "empty: expected a JSON object with at least a \"body\" field", text, size);
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (StreamConstraintsException e) {
            return IngestOutcome.Rejected.of(origin, "JSON nested deeper than " + MAX_JSON_DEPTH
                    + " levels: an article is one flat object", text, size);
        } catch (JsonProcessingException e) {
            return IngestOutcome.Rejected.of(origin, "invalid JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage(), text, size);
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
            Long publishedAt = timestamp(node.get("publishedAt"));
            String givenId = optionalText(node, "id");
            // Derived from the input as given, so the same input keeps its id whatever cleaning does to it.
            String id = givenId != null && !givenId.isBlank() ? givenId
                    : ArticleIds.derive(origin, title, body, source, url, publishedAt == null ? null : publishedAt.toString());
            // An HTML body (a CMS export, a feed item) is read for its article text, as an .html file is.
            String plain = HtmlArticle.looksLikeHtml(body) ? htmlBody(body) : body;
            if (plain.isBlank()) {
                return IngestOutcome.Rejected.of(origin, "the HTML body holds no article text (no paragraphs of some "
                        + "length outside navigation, ads and comments)", text, size);
            }
            Fields fields = new Fields(id, source, url, title, plain, publishedAt, optionalText(node, "language"));
            return accepted(origin, text, size, fields, now);
        } catch (IllegalArgumentException e) {
            return IngestOutcome.Rejected.of(origin, e.getMessage(), text, size);
        }
    }

    /** An input's fields as given, before cleaning; the id is the given or derived one. */
    private record Fields(String id, String source, String url, String title, String body, Long publishedAt, String language) {
    }

    private IngestOutcome accepted(String origin, String text, long size, Fields f, Instant now) {
        TextCleaner.Cleaned body = TextCleaner.body(f.body());
        TextCleaner.Cleaned title = f.title() == null ? null : TextCleaner.title(f.title());
        int removed = body.removed() + (title == null ? 0 : title.removed());
        int stray = body.stray() + (title == null ? 0 : title.stray());
        int chars = f.body().length() + (f.title() == null ? 0 : f.title().length());
        if (stray > 8 && stray > chars * MAX_CONTROL_SHARE) {
            return IngestOutcome.Rejected.of(origin, String.format(Locale.ROOT, "binary data, not text: %d of its %d characters "
                    + "are control characters", stray, chars), null, size);
        }
        String cleanTitle = title == null ? null : title.text().strip();
        if (cleanTitle != null && cleanTitle.length() > maxTitleChars) {
            return IngestOutcome.Rejected.of(origin, "headline is " + cleanTitle.length() + " characters, the limit is "
                    + maxTitleChars + " (for a .txt file: is the first line a paragraph? put the headline on a line of its own;"
                    + " or set ingest.max-title-chars)", text, size);
        }
        String cleanBody = body.text().strip();
        if (cleanBody.isEmpty()) {
            return IngestOutcome.Rejected.of(origin, "body is empty once control characters are removed", text, size);
        }
        String id = oneLine(f.id());
        if (id.isEmpty()) {
            return IngestOutcome.Rejected.of(origin, "field \"id\" holds only control characters", text, size);
        }
        return new IngestOutcome.Accepted(RawArticle.newBuilder()
                .setId(id).setOrigin(origin).setSource(oneLine(f.source())).setUrl(oneLine(f.url()))
                .setTitle(cleanTitle).setBody(cleanBody)
                .setPublishedAt(f.publishedAt() == null ? null : Instant.ofEpochMilli(f.publishedAt()))
                .setLanguage(oneLine(f.language())).setIngestedAt(now)
                .build(), removed);
    }

    private static String oneLine(String value) {
        return value == null ? null : TextCleaner.title(value).text().strip();
    }

    private static String at(JsonLocation location) {
        // Jackson gives no location for some errors (limits, for one).
        return location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
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
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                return OffsetDateTime.parse(v.asText().strip()).toInstant().toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException("field \"publishedAt\" is not an ISO-8601 timestamp with offset "
                        + "(e.g. 2026-03-01T12:00:00Z): '" + v.asText().substring(0, Math.min(80, v.asText().length())) + "'");
            }
        }
        throw new IllegalArgumentException("field \"publishedAt\" must be an ISO-8601 string or epoch milliseconds");
    }

    IngestOutcome.Rejected tooLarge(String origin, long size) {
        return new IngestOutcome.Rejected(origin, "too large: " + size + " bytes, the limit is " + maxBytes
                + " bytes (set ingest.max-bytes to raise it)", null, size);
    }
}
