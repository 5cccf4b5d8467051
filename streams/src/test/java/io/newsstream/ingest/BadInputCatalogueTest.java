package io.newsstream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.schema.RawArticle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input the issue tracker has seen, each accepted or rejected with its reason, never a crash. */
@Tag("reliability")
class BadInputCatalogueTest {

    private static final long MAX_BYTES = 1_000_000;
    private static final String GOOD_BODY = "Customs officers seized forty crates at the port on Monday.\n\nThe crates held fuel.";

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private final InputReader reader = new InputReader(MAX_BYTES, 1000, clock, InputStream.nullInputStream());

    private Map<String, IngestOutcome> readAll(Path input) {
        Map<String, IngestOutcome> byOrigin = new LinkedHashMap<>();
        reader.read(List.of(input.toString()), o -> byOrigin.put(o.origin(), o));
        return byOrigin;
    }

    private IngestOutcome readOne(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        List<IngestOutcome> outcomes = new ArrayList<>();
        reader.read(List.of(file.toString()), outcomes::add);
        assertEquals(1, outcomes.size(), "one outcome per whole-file input");
        return outcomes.get(0);
    }

    private static String reason(IngestOutcome outcome) {
        return assertInstanceOf(IngestOutcome.Rejected.class, outcome).reason();
    }

    private static RawArticle article(IngestOutcome outcome) {
        return assertInstanceOf(IngestOutcome.Accepted.class, outcome).article();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRejectEmptyAndBlankInputsWithTheirReason() throws IOException {
        assertEquals("file is empty", reason(readOne("empty.txt", new byte[0])));
        assertTrue(reason(readOne("blank-body.txt", utf8("Headline\n\n   \n\t\n"))).startsWith("body is empty"));
        assertTrue(reason(readOne("zero.json", new byte[0])).startsWith("empty: expected a JSON object"));
        assertTrue(reason(readOne("wrong-shape.json", utf8("[{\"body\": \"x\"}]"))).startsWith("expected a JSON object"));
        assertTrue(reason(readOne("string.json", utf8("\"just a string\""))).startsWith("expected a JSON object"));
    }

    @Test
    void shouldRejectDeeplyNestedAndTruncatedJsonWithoutThrowing() throws IOException {
        String nested = "{\"body\": \"x\", \"extra\": " + "[".repeat(20_000) + "]".repeat(20_000) + "}";
        assertEquals("JSON nested deeper than 32 levels: an article is one flat object", reason(readOne("deep.json", utf8(nested))));
        String truncated = "{\"title\": \"Port seizure\", \"body\": \"Customs officers sei";
        assertTrue(reason(readOne("truncated.json", utf8(truncated))).startsWith("invalid JSON at line 1"));
    }

    @Test
    void shouldRejectA50MegabyteFileWithoutReadingIt() throws IOException {
        Path big = dir.resolve("big.txt");
        try (OutputStream out = Files.newOutputStream(big)) {
            byte[] chunk = utf8("x".repeat(1 << 20));
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
        }
        assertEquals("too large: 52428800 bytes, the limit is 1000000 bytes (set ingest.max-bytes to raise it)",
                reason(readAll(big).get("big.txt")));
    }

    @Test
    void shouldRejectBinaryGarbageAndInvalidUtf8() throws IOException {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        assertTrue(reason(readOne("garbage.txt", garbage)).startsWith("not valid UTF-8 text"));
        byte[] asciiControls = new byte[4096];
        Random random = new Random(11);
        for (int i = 0; i < asciiControls.length; i++) {
            asciiControls[i] = (byte) random.nextInt(128);
        }
        asciiControls[0] = 'H';
        asciiControls[1] = '\n';
        assertTrue(reason(readOne("ascii-garbage.txt", asciiControls)).startsWith("binary data, not text"));
        byte[] latin1 = "Caf\u00e9 owners protest\n\nThe caf\u00e9 closed.".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(reason(readOne("latin1.txt", latin1)).startsWith("not valid UTF-8 text"));
    }

    @Test
    void shouldReadUtf16AnnouncedByItsByteOrderMark() throws IOException {
        String text = "Caf\u00e9 owners protest\n\n" + GOOD_BODY;
        byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
        byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));
        byte[] utf8Bom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(text));
        for (Map.Entry<String, byte[]> e : Map.of("le.txt", le, "be.txt", be, "bom8.txt", utf8Bom).entrySet()) {
            RawArticle a = article(readOne(e.getKey(), e.getValue()));
            assertEquals("Caf\u00e9 owners protest", a.getTitle(), e.getKey());
            assertEquals(GOOD_BODY, a.getBody(), e.getKey());
        }
    }

    @Test
    void shouldTreatCrlfAndLoneCrAsLineEnds() throws IOException {
        String lf = "Port seizure\n\n" + GOOD_BODY;
        RawArticle crlf = article(readOne("crlf.txt", utf8(lf.replace("\n", "\r\n"))));
        RawArticle cr = article(readOne("cr.txt", utf8(lf.replace("\n", "\r"))));
        for (RawArticle a : List.of(crlf, cr)) {
            assertEquals("Port seizure", a.getTitle());
            assertEquals(GOOD_BODY, a.getBody());
        }
    }

    @Test
    void shouldRemoveNulAndControlCharactersAndCountThem() throws IOException {
        IngestOutcome nulOutcome = readOne("nul.txt", utf8("Port\u0000 seizure\n\n" + GOOD_BODY));
        IngestOutcome.Accepted nul = assertInstanceOf(IngestOutcome.Accepted.class, nulOutcome, nulOutcome.toString());
        assertEquals("Port seizure", nul.article().getTitle());
        assertEquals(1, nul.controlCharactersRemoved());

        String title = "\u001b[31mBREAKING\u001b[0m Port seizure\u001b]0;owned\u0007 \u009b2J\u0008";
        IngestOutcome.Accepted ansi = assertInstanceOf(IngestOutcome.Accepted.class,
                readOne("ansi.json", utf8("{\"title\": \"" + jsonEscape(title) + "\", \"body\": \"" + jsonEscape(GOOD_BODY) + "\"}")));
        assertEquals("BREAKING Port seizure 2J", ansi.article().getTitle());
        assertEquals(5 + 4 + 10 + 1 + 1, ansi.controlCharactersRemoved());
        assertEquals(GOOD_BODY, ansi.article().getBody());
    }

    @Test
    void shouldRejectAHeadlineOverTheLimit() throws IOException {
        String reason = reason(readOne("long-headline.txt", utf8("H".repeat(10_000) + "\n\n" + GOOD_BODY)));
        assertTrue(reason.startsWith("headline is 10000 characters, the limit is 1000"), reason);
    }

    @Test
    void shouldReadTwentyThousandTinyFilesInOneDirectory() throws IOException {
        Path many = Files.createDirectories(dir.resolve("many"));
        for (int i = 0; i < 20_000; i++) {
            Files.write(many.resolve(String.format("%05d.txt", i)), i % 2 == 0 ? utf8("Item " + i + "\n\nBody " + i) : new byte[0]);
        }
        Map<String, IngestOutcome> outcomes = readAll(many);
        assertEquals(20_000, outcomes.size());
        assertEquals(10_000, outcomes.values().stream().filter(o -> o instanceof IngestOutcome.Accepted).count());
        assertEquals(10_000, outcomes.values().stream().filter(o -> o instanceof IngestOutcome.Rejected r
                && r.reason().equals("file is empty")).count());
    }

    @Test
    void shouldReadEachJsonLineOnItsOwnWhateverTheOthersHold() throws IOException {
        byte[] good = utf8("{\"title\": \"One\", \"body\": \"First.\"}");
        byte[] invalid = {'{', '"', 'b', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        byte[] big = utf8("{\"body\": \"" + "x".repeat(1_100_000) + "\"}");
        Path file = dir.resolve("mixed.jsonl");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (byte[] line : List.of(good, invalid, big, utf8("{\"body\": "), good)) {
                out.write(line);
                out.write('\r');
            }
        }
        Map<String, IngestOutcome> outcomes = readAll(file);
        assertEquals(List.of("mixed.jsonl#1", "mixed.jsonl#2", "mixed.jsonl#3", "mixed.jsonl#4", "mixed.jsonl#5"),
                List.copyOf(outcomes.keySet()));
        assertEquals("One", article(outcomes.get("mixed.jsonl#1")).getTitle());
        assertTrue(reason(outcomes.get("mixed.jsonl#2")).startsWith("not valid UTF-8"));
        assertTrue(reason(outcomes.get("mixed.jsonl#3")).startsWith("too large: 1100012 bytes"));
        assertTrue(reason(outcomes.get("mixed.jsonl#4")).startsWith("invalid JSON"));
        assertNull(assertInstanceOf(IngestOutcome.Rejected.class, outcomes.get("mixed.jsonl#3")).excerpt());
        assertEquals("One", article(outcomes.get("mixed.jsonl#5")).getTitle());
    }

    @Test
    void shouldReadUtf16JsonLinesFromStdin() {
        String lines = "{\"body\": \"one\"}\r\n{\"body\": \"two\"}\r\n";
        byte[] stdin = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, lines.getBytes(StandardCharsets.UTF_16LE));
        List<IngestOutcome> outcomes = new ArrayList<>();
        new InputReader(MAX_BYTES, 1000, clock, new ByteArrayInputStream(stdin)).read(List.of("-"), outcomes::add);
        assertEquals(List.of("one", "two"), outcomes.stream().map(o -> article(o).getBody()).toList());
    }

    @Test
    void shouldReadAPrettyPrintedJsonArticleFromStdin() {
        byte[] stdin = utf8("{\n  \"title\": \"Port seizure\",\n  \"body\": \"Crates.\"\n}\n");
        List<IngestOutcome> outcomes = new ArrayList<>();
        new InputReader(MAX_BYTES, 1000, clock, new ByteArrayInputStream(stdin)).read(List.of("-"), outcomes::add);
        assertEquals(1, outcomes.size());
        assertEquals("Port seizure", article(outcomes.get(0)).getTitle());
    }

    @Test
    void shouldReadATextArticleFromStdinWhoseHeadlineComesAfterMoreThanTheReadBuffer() {
        String body = "The inquiry heard the harbour pilots for a second day.";
        List<IngestOutcome> outcomes = new ArrayList<>();
        new InputReader(MAX_BYTES, 1000, clock, new ByteArrayInputStream(utf8("\n".repeat(100_000) + "Inquiry, day two\n\n" + body)))
                .read(List.of("-"), outcomes::add);
        assertEquals(body.strip(), article(outcomes.get(0)).getBody());
    }

    private static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c >= 0x7F && c <= 0x9F) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** {@code serve} reads request bodies with the same parser: each bad input is refused with the reason ingest gives. */
    @Test
    void shouldRejectBadInputsOverHttpWithTheReasonsIngestGives() throws IOException {
        ArticleParser parser = new ArticleParser(MAX_BYTES, 1000);
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("empty.txt", new byte[0]);
        inputs.put("blank-body.txt", utf8("Headline\n\n   \n\t\n"));
        inputs.put("invalid.json", utf8("{\"body\": \"unterminated"));
        inputs.put("string.json", utf8("\"just a string\""));
        inputs.put("no-body.json", utf8("{\"title\": \"Headline only\"}"));
        inputs.put("deep.json", utf8("{\"body\": \"x\", \"extra\": " + "[".repeat(20_000) + "]".repeat(20_000) + "}"));
        byte[] binary = new byte[400];
        new Random(7).nextBytes(binary);
        inputs.put("binary.txt", binary);
        for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
            String fromFile = reason(readOne(input.getKey(), input.getValue()));
            RequestBody.Kind kind = input.getKey().endsWith(".json") ? RequestBody.Kind.JSON : RequestBody.Kind.TEXT;
            List<IngestOutcome> overHttp = RequestBody.parse(parser, input.getValue(), kind, clock.instant());
            assertEquals(1, overHttp.size(), input.getKey());
            assertEquals(fromFile, reason(overHttp.get(0)), input.getKey());
        }
        List<IngestOutcome> lines = RequestBody.parse(parser, utf8("{\"body\": \"" + GOOD_BODY.replace("\n", "\\n")
                + "\"}\n{\"title\": \"no body\"}\n"), RequestBody.Kind.JSON_LINES, clock.instant());
        assertInstanceOf(IngestOutcome.Accepted.class, lines.get(0));
        assertTrue(reason(lines.get(1)).startsWith("body is empty or missing"), reason(lines.get(1)));
    }

    /** {@code feeds} turns each item into an article for the same parser: bad items are refused as ingest refuses them. */
    @Test
    void shouldRejectBadFeedItemsWithTheReasonsIngestGives() throws IOException {
        ArticleParser parser = new ArticleParser(MAX_BYTES, 1000);
        String longHeadline = "Headline ".repeat(200);
        String feed = """
                <?xml version="1.0"?>
                <rss version="2.0"><channel><title>Desert Wire</title>
                <item><guid>empty</guid><title>Nothing here</title><description></description></item>
                <item><guid>blank</guid><title>Only spaces</title><description>   &lt;p&gt;  &lt;/p&gt; </description></item>
                <item><guid>long</guid><title>%s</title><description>%s</description></item>
                <item><guid>good</guid><title>Crates seized</title><description>%s</description></item>
                </channel></rss>""".formatted(longHeadline, GOOD_BODY, GOOD_BODY);

        List<Feed.Item> items = Feed.parse(feed).items();
        Map<String, IngestOutcome> overFeed = new LinkedHashMap<>();
        for (Feed.Item item : items) {
            overFeed.put(item.key(), FeedPoller.outcomeOf(parser, "file:///feed.xml", "Desert Wire", item, clock.instant()));
        }

        assertEquals(reason(readOne("empty.json", utf8("{\"title\": \"Nothing here\", \"body\": \"\"}"))),
                reason(overFeed.get("empty")));
        assertEquals(reason(readOne("blank.json", utf8("{\"title\": \"Only spaces\", \"body\": \"<p>  </p>\"}"))),
                reason(overFeed.get("blank")), "markup alone is no body");
        assertEquals(reason(readOne("long.json", utf8("{\"title\": \"" + longHeadline + "\", \"body\": \"x\"}"))),
                reason(overFeed.get("long")));
        assertEquals("Desert Wire", article(overFeed.get("good")).getSource());
    }

    @Test
    void shouldRefuseADocumentThatIsNoFeedWithAReason() {
        for (String notAFeed : List.of("", "<html><body>Hello</body></html>", "\u0000\u0001 binary", "<rss><channel")) {
            IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Feed.parse(notAFeed), notAFeed);
            assertTrue(refused.getMessage().contains("not an RSS or Atom feed"), refused.getMessage());
        }
    }

    /** Rejections are counted by kind: the reason without the details that differ per input. */
    @Test
    void shouldCountRejectionsByAKindWithoutTheirDetails() throws IOException {
        assertEquals("body is empty or missing",
                ((IngestOutcome.Rejected) readOne("nobody.json", utf8("{\"title\": \"x\"}"))).kind());
        IngestOutcome.Rejected long1 = (IngestOutcome.Rejected) readOne("long1.json",
                utf8("{\"title\": \"" + "x".repeat(1001) + "\", \"body\": \"b\"}"));
        IngestOutcome.Rejected long2 = (IngestOutcome.Rejected) readOne("long2.json",
                utf8("{\"title\": \"" + "x".repeat(2002) + "\", \"body\": \"b\"}"));
        assertEquals(long1.kind(), long2.kind());
        assertTrue(long1.kind().contains("N"), long1.kind());
        assertEquals("unexplained", new IngestOutcome.Rejected("o", null, null, 0).kind());
    }
}
