package io.newsstream.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The articles of one HTTP request body, parsed by the same {@link ArticleParser} as files: a JSON article or an
 * array of them ({@code application/json}), JSON Lines ({@code application/x-ndjson}, {@code application/jsonl}), or
 * {@code text/plain} (headline on the first line). Each article's origin is {@code http/<body hash>#<n>}: an
 * article without an id gets the same derived id when a client retries the same request. Pure.
 */
public final class RequestBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The forms a request body may take. */
    public enum Kind { JSON, JSON_LINES, TEXT }

    private RequestBody() {
    }

    /** The body kind of a Content-Type header, or empty for one not accepted. */
    public static Optional<Kind> kindOf(String contentType) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/json" -> Optional.of(Kind.JSON);
            case "application/x-ndjson", "application/jsonl", "application/json-lines", "application/jsonlines" -> Optional.of(Kind.JSON_LINES);
            case "text/plain" -> Optional.of(Kind.TEXT);
            default -> Optional.empty();
        };
    }

    /** Every article of the body, accepted or rejected with its reason, in body order. Never throws. */
    public static List<IngestOutcome> parse(ArticleParser parser, byte[] body, Kind kind, Instant now) {
        String origin = "http/" + hash(body);
        List<IngestOutcome> outcomes = new ArrayList<>();
        switch (kind) {
            case TEXT -> outcomes.add(parser.parse(origin + "#1", body, ArticleParser.Format.TEXT, now));
            case JSON_LINES -> {
                String decoded;
                try {
                    decoded = TextEncoding.decodeWhole(body); // strict, as for files: bad bytes are refused, not replaced
                } catch (java.nio.charset.CharacterCodingException e) {
                    outcomes.add(IngestOutcome.Rejected.of(origin, TextEncoding.detect(body, body.length).notDecodableReason(),
                            null, body.length));
                    return outcomes;
                }
                String[] lines = decoded.split("\r?\n");
                int n = 0;
                for (String line : lines) {
                    if (!line.isBlank()) {
                        n++;
                        outcomes.add(parser.parseJsonLine(origin + "#" + n, line, line.getBytes(StandardCharsets.UTF_8).length, now));
                    }
                }
            }
            case JSON -> {
                JsonNode array = arrayOrNull(body);
                if (array == null) {
                    outcomes.add(parser.parse(origin + "#1", body, ArticleParser.Format.JSON, now));
                } else {
                    int n = 0;
                    for (JsonNode element : array) {
                        n++;
                        String text = element.toString();
                        outcomes.add(parser.parseJsonLine(origin + "#" + n, text, text.getBytes(StandardCharsets.UTF_8).length, now));
                    }
                }
            }
            default -> throw new IllegalStateException("unknown body kind " + kind);
        }
        if (outcomes.isEmpty()) {
            outcomes.add(IngestOutcome.Rejected.of(origin, "the request has no article", null, body.length));
        }
        return outcomes;
    }

    private static JsonNode arrayOrNull(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isArray() ? node : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null; // not an array: the parser says what is wrong with it
        }
    }

    private static String hash(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
