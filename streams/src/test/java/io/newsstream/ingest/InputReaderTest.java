package io.newsstream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputReaderTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

    private List<IngestOutcome> read(InputReader reader, String... inputs) {
        List<IngestOutcome> outcomes = new ArrayList<>();
        reader.read(List.of(inputs), outcomes::add);
        return outcomes;
    }

    @Test
    void shouldWalkDirectoriesRecursivelyInNameOrderAndRejectWhatItCannotRead() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("b.txt"), "Headline B\n\nBody B");
        Files.writeString(dir.resolve("sub/a.json"), "{\"body\": \"Body A\"}");
        Files.writeString(dir.resolve("notes.pdf"), "%PDF");
        Files.writeString(dir.resolve(".hidden.txt"), "ignored\n\nignored");
        List<IngestOutcome> outcomes = read(new InputReader(1024, 1000, clock, InputStream.nullInputStream()), dir.toString());
        assertEquals(List.of("b.txt", "notes.pdf", "sub/a.json"), outcomes.stream().map(IngestOutcome::origin).toList());
        assertInstanceOf(IngestOutcome.Accepted.class, outcomes.get(0));
        assertEquals("unsupported file type (expected .txt, .json, .jsonl or .html)",
                assertInstanceOf(IngestOutcome.Rejected.class, outcomes.get(1)).reason());
        assertInstanceOf(IngestOutcome.Accepted.class, outcomes.get(2));
    }

    @Test
    void shouldRejectMissingAndOversizedFilesWithoutStoppingTheRest() throws IOException {
        Files.writeString(dir.resolve("big.txt"), "Headline\n\n" + "x".repeat(2000));
        Files.writeString(dir.resolve("ok.txt"), "Headline\n\nfine");
        List<IngestOutcome> outcomes = read(new InputReader(1024, 1000, clock, InputStream.nullInputStream()),
                dir.resolve("missing.txt").toString(), dir.resolve("big.txt").toString(), dir.resolve("ok.txt").toString());
        assertEquals(3, outcomes.size());
        assertEquals("no such file: " + dir.resolve("missing.txt"), ((IngestOutcome.Rejected) outcomes.get(0)).reason());
        assertEquals("too large: 2010 bytes, the limit is 1024 bytes (set ingest.max-bytes to raise it)",
                ((IngestOutcome.Rejected) outcomes.get(1)).reason());
        assertInstanceOf(IngestOutcome.Accepted.class, outcomes.get(2));
    }

    @Test
    void shouldReadJsonLinesFromStdin() {
        byte[] stdin = "{\"body\": \"one\"}\n{\"body\": \"two\"}\n".getBytes(StandardCharsets.UTF_8);
        List<IngestOutcome> outcomes = read(new InputReader(1024, 1000, clock, new ByteArrayInputStream(stdin)), "-");
        assertEquals(List.of("stdin#1", "stdin#2"), outcomes.stream().map(IngestOutcome::origin).toList());
    }

    @Test
    void shouldNameEachJsonLineInItsOriginAndSkipBlankLines() throws IOException {
        Files.writeString(dir.resolve("feed.jsonl"), "{\"body\": \"one\"}\n\n{\"body\": \"two\"}\n{not json\n");
        List<IngestOutcome> outcomes = read(new InputReader(1024, 1000, clock, InputStream.nullInputStream()),
                dir.resolve("feed.jsonl").toString());
        assertEquals(List.of("feed.jsonl#1", "feed.jsonl#3", "feed.jsonl#4"), outcomes.stream().map(IngestOutcome::origin).toList());
        IngestOutcome.Rejected bad = assertInstanceOf(IngestOutcome.Rejected.class, outcomes.get(2));
        assertTrue(bad.reason().startsWith("invalid JSON at line 1, column 2"), bad.reason());
    }

    @Test
    void shouldReadATextArticleFromStdin() {
        byte[] stdin = "Headline\n\nBody".getBytes(StandardCharsets.UTF_8);
        IngestOutcome.Accepted a = assertInstanceOf(IngestOutcome.Accepted.class,
                read(new InputReader(1024, 1000, clock, new ByteArrayInputStream(stdin)), "-").get(0));
        assertEquals("Headline", a.article().getTitle());
        assertEquals("stdin", a.origin());
    }
}
