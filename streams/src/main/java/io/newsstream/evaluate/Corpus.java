package io.newsstream.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    private static LabelledArticle parse(JsonNode n) {
        Set<String> topics = new LinkedHashSet<>();
        n.path("topics").forEach(t -> topics.add(t.asText()));
        return new LabelledArticle(n.path("file").asText(), topics, n.path("story").asText(), n.path("kind").asText("base"));
    }
}
