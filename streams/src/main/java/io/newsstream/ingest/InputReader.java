package io.newsstream.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads the inputs named on the command line — files, directories (recursively, in name order) and {@code -} for
 * stdin — and hands every outcome to a consumer, one at a time, in bounded memory: {@code .jsonl} archives and stdin
 * stream a line at a time, whole-file inputs are refused above {@code ingest.max-bytes} before they are read. Every
 * input becomes an outcome, an unreadable one a rejection; nothing stops the rest.
 */
public final class InputReader {

    public static final String STDIN = "-";

    private static final int READ_BUFFER = 64 * 1024;

    private final ArticleParser parser;
    private final long maxBytes;
    private final Clock clock;
    private final InputStream stdin;

    public InputReader(long maxBytes, int maxTitleChars, Clock clock, InputStream stdin) {
        this.parser = new ArticleParser(maxBytes, maxTitleChars);
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
                readFile(path, path.getFileName() == null ? input : path.getFileName().toString(), sink);
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
        } catch (IOException | RuntimeException e) {
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
            sink.accept(new IngestOutcome.Rejected(origin, "unsupported file type (expected .txt, .json, .jsonl or .html)", null, size(file)));
            return;
        }
        try {
            if (format == ArticleParser.Format.JSON_LINES) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), READ_BUFFER)) {
                    readJsonLines(origin, new LineReader(in, maxBytes), null, sink);
                }
                return;
            }
            long size = Files.size(file);
            if (size > maxBytes) {
                sink.accept(parser.tooLarge(origin, size));
                return;
            }
            sink.accept(parser.parse(origin, Files.readAllBytes(file), format, clock.instant()));
        } catch (IOException | RuntimeException e) {
            sink.accept(new IngestOutcome.Rejected(origin, "cannot read file: " + e, null, size(file)));
        }
    }

    /** A JSON Lines input, a line at a time; {@code first} is a line already read (stdin's sniffed one), or null. */
    private void readJsonLines(String origin, LineReader lines, LineReader.Line first, Consumer<IngestOutcome> sink)
            throws IOException {
        long articles = 0;
        for (LineReader.Line line = first != null ? first : lines.next(); line != null; line = lines.next()) {
            String lineOrigin = origin + "#" + line.number();
            if (line.error() != null) {
                sink.accept(new IngestOutcome.Rejected(lineOrigin, line.error(), null, line.sizeBytes()));
                articles++;
            } else if (!line.text().isBlank()) {
                sink.accept(parser.parseJsonLine(lineOrigin, line.text(), line.sizeBytes(), clock.instant()));
                articles++;
            }
        }
        if (articles == 0) {
            sink.accept(new IngestOutcome.Rejected(origin, "no articles: the input has no non-blank lines", null, 0));
        }
    }

    /**
     * Standard input has no name to tell its format: it is JSON Lines when its first line is a whole JSON object, one
     * JSON article when it starts with '{' otherwise, and a text article else.
     */
    private void readStdin(Consumer<IngestOutcome> sink) {
        try {
            InputStream in = new BufferedInputStream(stdin, READ_BUFFER);
            // The first line may be re-read as the start of a whole document: remember up to one input's worth.
            in.mark((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 8));
            LineReader lines = new LineReader(in, maxBytes);
            LineReader.Line first = lines.next();
            while (first != null && first.text() != null && first.text().isBlank()) {
                first = lines.next();
            }
            // A first line over the limit cannot be a whole-input article either: only JSON Lines may go on.
            boolean firstTooLarge = first != null && first.sizeBytes() > maxBytes;
            if (firstTooLarge || first != null && first.text() != null && first.text().stripLeading().startsWith("{")
                    && ArticleParser.isJsonObject(first.text())) {
                readJsonLines("stdin", lines, first, sink);
                return;
            }
            boolean json = first != null && first.text() != null && first.text().stripLeading().startsWith("{");
            in.reset();
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                long size = bytes.length + drain(in);
                sink.accept(parser.tooLarge("stdin", size));
                return;
            }
            sink.accept(parser.parse("stdin", bytes, json ? ArticleParser.Format.JSON : ArticleParser.Format.TEXT, clock.instant()));
        } catch (IOException | RuntimeException e) {
            sink.accept(new IngestOutcome.Rejected("stdin", "cannot read standard input: " + e, null, -1));
        }
    }

    private static long drain(InputStream in) throws IOException {
        long n = 0;
        byte[] skip = new byte[READ_BUFFER];
        for (int r; (r = in.read(skip)) > 0; ) {
            n += r;
        }
        return n;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
