package io.newsstream.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.ingest.ArticleParser;
import io.newsstream.ingest.IngestOutcome;
import io.newsstream.schema.RawArticle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A labelled corpus folder: {@code articles/} and {@code labels.jsonl} (the layout of the dev corpus). */
public record Corpus(Path articles, List<LabelledArticle> labels) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Corpus load(Path dir) {
        Path articles = dir.resolve("articles");
        Path labelsFile = dir.resolve("labels.jsonl");
        if (!Files.isDirectory(articles) || !Files.isRegularFile(labelsFile)) {
            throw new IllegalArgumentException(dir + " is not a labelled corpus: it needs articles/ and labels.jsonl");
        }
        List<LabelledArticle> labels = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(labelsFile, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    labels.add(parse(JSON.readTree(line)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + labelsFile + ": " + e.getMessage(), e);
        }
        return new Corpus(articles, List.copyOf(labels));
    }

    /** A labelled article and the article its file parses into. */
    public record Entry(LabelledArticle label, RawArticle article) {
    }

    /**
     * Every labelled file parsed as ingest would, in publication order (undated files after, by name), as a story
     * stage would meet them.
     *
     * @throws IllegalArgumentException naming the first file ingest would reject, and why
     */
    public List<Entry> parse(ArticleParser parser, Instant ingestedAt) {
        List<Entry> entries = new ArrayList<>();
        for (LabelledArticle label : labels) {
            Path file = articles.resolve(label.file());
            IngestOutcome outcome;
            try {
                outcome = parser.parse(file.toString(), Files.readAllBytes(file), ArticleParser.formatOf(label.file()), ingestedAt);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            if (outcome instanceof IngestOutcome.Rejected rejected) {
                throw new IllegalArgumentException(file + " is labelled but ingest rejects it: " + rejected.reason());
            }
            entries.add(new Entry(label, ((IngestOutcome.Accepted) outcome).article()));
        }
        entries.sort(Comparator.comparing((Entry e) -> e.article().getPublishedAt() == null ? Instant.MAX : e.article().getPublishedAt())
                .thenComparing(e -> e.label().file()));
        return entries;
    }

    private static LabelledArticle parse(JsonNode n) {
        Set<String> topics = new LinkedHashSet<>();
        n.path("topics").forEach(t -> topics.add(t.asText()));
        return new LabelledArticle(n.path("file").asText(), topics, n.path("story").asText(), n.path("kind").asText("base"));
    }
}
