package io.newsstream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.schema.RawArticle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArticleParserTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private final ArticleParser parser = new ArticleParser(1024 * 1024, 1000);

    private static final String TEXT_ARTICLE = "\n\nTroops sent to the border\n\nFirst paragraph.\n\nSecond paragraph.\n";
    private static final String JSON_ARTICLE = """
            {"id": "wire-42", "source": "Desert Wire", "url": "https://wire.example/42", "title": "Headline",
             "body": "Body text.", "publishedAt": "2026-03-01T12:00:00Z", "language": "en"}
            """;

    private RawArticle accepted(IngestOutcome outcome) {
        return assertInstanceOf(IngestOutcome.Accepted.class, outcome).article();
    }

    private IngestOutcome.Rejected rejected(IngestOutcome outcome) {
        return assertInstanceOf(IngestOutcome.Rejected.class, outcome);
    }

    private IngestOutcome parse(String origin, String text, ArticleParser.Format format) {
        return parser.parse(origin, text.getBytes(StandardCharsets.UTF_8), format, NOW);
    }

    @Test
    void shouldTakeFirstNonEmptyLineOfTextAsHeadline() {
        RawArticle a = accepted(parse("story.txt", TEXT_ARTICLE, ArticleParser.Format.TEXT));
        assertEquals("Troops sent to the border", a.getTitle());
        assertEquals("First paragraph.\n\nSecond paragraph.", a.getBody());
        assertEquals("story.txt", a.getOrigin());
        assertEquals(NOW, a.getIngestedAt());
        assertNull(a.getPublishedAt());
    }

    @Test
    void shouldReadEveryJsonField() {
        RawArticle a = accepted(parse("a.json", JSON_ARTICLE, ArticleParser.Format.JSON));
        assertEquals("wire-42", a.getId());
        assertEquals("Desert Wire", a.getSource());
        assertEquals("https://wire.example/42", a.getUrl());
        assertEquals("Headline", a.getTitle());
        assertEquals("Body text.", a.getBody());
        assertEquals(Instant.parse("2026-03-01T12:00:00Z"), a.getPublishedAt());
        assertEquals("en", a.getLanguage());
    }

    @Test
    void shouldAcceptJsonWithOnlyABody() {
        RawArticle a = accepted(parse("b.json", "{\"body\": \"Just a body.\"}", ArticleParser.Format.JSON));
        assertEquals("Just a body.", a.getBody());
        assertNull(a.getTitle());
        assertEquals(20, a.getId().length());
    }

    @Test
    void shouldRejectInvalidJsonWithItsPosition() {
        IngestOutcome.Rejected r = rejected(parse("bad.json", "{\"body\": \"x\",\n  oops}", ArticleParser.Format.JSON));
        assertTrue(r.reason().startsWith("invalid JSON at line 2"), r.reason());
        assertEquals("{\"body\": \"x\",\n  oops}", r.excerpt());
    }

    @Test
    void shouldRejectEmptyBody() {
        assertTrue(rejected(parse("e.json", "{\"title\": \"t\", \"body\": \"  \"}", ArticleParser.Format.JSON))
                .reason().startsWith("body is empty"));
        assertTrue(rejected(parse("headline-only.txt", "Only a headline\n\n", ArticleParser.Format.TEXT))
                .reason().startsWith("body is empty"));
        assertEquals("file is empty", rejected(parse("blank.txt", "\n \n", ArticleParser.Format.TEXT)).reason());
    }

    @Test
    void shouldRejectWrongFieldTypesAndBadTimestamps() {
        assertEquals("field \"title\" must be a string, got number",
                rejected(parse("t.json", "{\"title\": 5, \"body\": \"b\"}", ArticleParser.Format.JSON)).reason());
        assertTrue(rejected(parse("d.json", "{\"publishedAt\": \"yesterday\", \"body\": \"b\"}", ArticleParser.Format.JSON))
                .reason().contains("not an ISO-8601 timestamp"));
        assertTrue(rejected(parse("arr.json", "[1, 2]", ArticleParser.Format.JSON)).reason().startsWith("expected a JSON object"));
    }

    @Test
    void shouldRejectTextThatIsNotUtf8() {
        byte[] latin1 = "Caf\u00e9 headline\n\nbody".getBytes(StandardCharsets.ISO_8859_1);
        IngestOutcome.Rejected r = rejected(parser.parse("latin1.txt", latin1, ArticleParser.Format.TEXT, NOW));
        assertTrue(r.reason().startsWith("not valid UTF-8"));
        assertNull(r.excerpt());
    }

    @Test
    void shouldRejectInputsOverTheSizeLimit() {
        ArticleParser small = new ArticleParser(10, 1000);
        IngestOutcome.Rejected r = rejected(small.parse("big.txt", "Headline\n\nA body that is too long".getBytes(StandardCharsets.UTF_8),
                ArticleParser.Format.TEXT, NOW));
        assertTrue(r.reason().startsWith("too large: 33 bytes, the limit is 10 bytes"), r.reason());
    }

    @Test
    void shouldDeriveTheSameIdForTheSameInputAndDifferentIdsForDifferentInputs() {
        String first = accepted(parse("story.txt", TEXT_ARTICLE, ArticleParser.Format.TEXT)).getId();
        String again = accepted(parse("story.txt", TEXT_ARTICLE, ArticleParser.Format.TEXT)).getId();
        String otherFile = accepted(parse("copy.txt", TEXT_ARTICLE, ArticleParser.Format.TEXT)).getId();
        String otherText = accepted(parse("story.txt", TEXT_ARTICLE + "More.", ArticleParser.Format.TEXT)).getId();
        assertEquals(first, again);
        assertNotEquals(first, otherFile);
        assertNotEquals(first, otherText);
    }

    @Test
    void shouldKeepFieldBoundariesInDerivedIds() {
        assertNotEquals(ArticleIds.derive("o", "ab", "c"), ArticleIds.derive("o", "a", "bc"));
        assertNotEquals(ArticleIds.derive("o", null, "x"), ArticleIds.derive("o", "", "x"));
    }

    @Test
    void shouldRecogniseFormatsByExtension() {
        assertEquals(ArticleParser.Format.TEXT, ArticleParser.formatOf("A.TXT"));
        assertEquals(ArticleParser.Format.JSON, ArticleParser.formatOf("a.json"));
        assertEquals(ArticleParser.Format.JSON_LINES, ArticleParser.formatOf("a.jsonl"));
        assertNull(ArticleParser.formatOf("a.pdf"));
    }
}
