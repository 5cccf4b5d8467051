package io.newsstream.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads the inputs named on the command line — files, directories (recursively, in name order) and
 * {@code -} for stdin — and hands every outcome to a consumer, one at a time, so archives of any size
 * stream through. An unreadable input becomes a rejection; it never stops the rest.
 */
public final class InputReader {

    public static final String STDIN = "-";

    private final ArticleParser parser;
    private final long maxBytes;
    private final Clock clock;
    private final InputStream stdin;

    public InputReader(long maxBytes, Clock clock, InputStream stdin) {
        this.parser = new ArticleParser(maxBytes);
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.stdin = stdin;
    }

    public void read(List<String> inputs, Consumer<IngestOutcome> sink) {
        for (String input : inputs) {
            if (STDIN.equals(input)) {
                readStdin(sink);
                continue;
            }
            Path path = Path.of(input);
            if (Files.isDirectory(path)) {
                readDirectory(path, sink);
            } else {
                readFile(path, path.getFileName().toString(), sink);
            }
        }
    }

    private void readDirectory(Path dir, Consumer<IngestOutcome> sink) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            sink.accept(new IngestOutcome.Rejected(dir.toString(), "cannot list directory: " + e.getMessage(), null, -1));
            return;
        }
        for (Path file : files) {
            readFile(file, dir.relativize(file).toString(), sink);
        }
    }

    private void readFile(Path file, String origin, Consumer<IngestOutcome> sink) {
        ArticleParser.Format format = ArticleParser.formatOf(origin);
        if (!Files.exists(file)) {
            sink.accept(new IngestOutcome.Rejected(origin, "no such file: " + file, null, -1));
            return;
        }
        if (format == null) {
            sink.accept(new IngestOutcome.Rejected(origin, "unsupported file type (expected .txt, .json or .jsonl)", null, size(file)));
            return;
        }
        try {
            long size = Files.size(file);
            // A JSON Lines archive holds many articles: the limit applies to each line, checked by the parser.
            if (size > maxBytes && format != ArticleParser.Format.JSON_LINES) {
                sink.accept(new IngestOutcome.Rejected(origin, "too large: " + size + " bytes, the limit is " + maxBytes
                        + " bytes (set ingest.max-bytes to raise it)", null, size));
                return;
            }
            parser.parse(origin, Files.readAllBytes(file), format, clock.instant()).forEach(sink);
        } catch (IOException e) {
            sink.accept(new IngestOutcome.Rejected(origin, "cannot read file: " + e, null, size(file)));
        }
    }

    private void readStdin(Consumer<IngestOutcome> sink) {
        try {
            byte[] bytes = stdin.readAllBytes();
            String sniffText = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8);
            ArticleParser.Format format = sniffText.stripLeading().startsWith("{")
                    ? ArticleParser.sniff(new String(bytes, StandardCharsets.UTF_8))
                    : ArticleParser.Format.TEXT;
            parser.parse("stdin", bytes, format, clock.instant()).forEach(sink);
        } catch (IOException e) {
            sink.accept(new IngestOutcome.Rejected("stdin", "cannot read standard input: " + e.getMessage(), null, -1));
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
