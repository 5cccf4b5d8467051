package io.newsstream.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record type must stay readable both ways against its last released version: new code reads old data
 * (backward) and old code reads new data (forward). The released versions live in
 * {@code src/main/resources/io/newsstream/schema/released} (shipped in the jar, so decoders resolve records written with them); cut a release of the schemas with {@code -Dnewsstream.release-schemas=true}.
 */
class SchemaCompatibilityTest {

    private static final Path RELEASED = Path.of("src/main/resources/io/newsstream/schema/released");

    static List<Schema> schemas() {
        return List.of(RawArticle.getClassSchema(), EnrichedArticle.getClassSchema(), RejectedArticle.getClassSchema(),
                PipelineFailure.getClassSchema(), StoryCluster.getClassSchema(), Subscription.getClassSchema(),
                Alert.getClassSchema(), AnalyzedArticle.getClassSchema(), IndexedArticle.getClassSchema(),
                StoryState.getClassSchema());
    }

    /** A type missing from {@link #schemas()} would escape the compatibility checks. */
    @Test
    void shouldCheckEveryTopLevelSchema() throws IOException {
        List<String> checked = schemas().stream().map(Schema::getName).toList();
        try (Stream<Path> files = Files.list(Path.of("src/main/avro"))) {
            files.filter(f -> f.toString().endsWith(".avsc"))
                    .map(f -> f.getFileName().toString().replace(".avsc", ""))
                    .forEach(name -> assertTrue(checked.contains(name), name + " is not in schemas()"));
        }
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void shouldStayBackwardAndForwardCompatibleWithTheReleasedVersion(Schema current) throws IOException {
        Path released = RELEASED.resolve(current.getName() + ".avsc");
        if (Boolean.getBoolean("newsstream.release-schemas")) {
            release(current, released);
        }
        assertTrue(Files.exists(released), "no released version of " + current.getName() + " in " + RELEASED);
        Schema previous = new Schema.Parser().parse(Files.readString(released, StandardCharsets.UTF_8));
        assertEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(current, previous).getType(),
                current.getName() + ": new readers cannot read data written with the released schema");
        assertEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(previous, current).getType(),
                current.getName() + ": released readers cannot read data written with the new schema");
    }

    /** Data written with any earlier release (kept in {@code released/history}) must stay readable. */
    @ParameterizedTest
    @MethodSource("schemas")
    void shouldReadDataWrittenWithEveryEarlierRelease(Schema current) throws IOException {
        for (Path old : history(current.getName())) {
            Schema earlier = new Schema.Parser().parse(Files.readString(old, StandardCharsets.UTF_8));
            assertEquals(SchemaCompatibilityType.COMPATIBLE,
                    SchemaCompatibility.checkReaderWriterCompatibility(current, earlier).getType(),
                    current.getName() + ": new readers cannot read data written with " + old.getFileName());
        }
    }

    /** Writes the new release; the one it replaces moves to the history, so decoders keep reading its data. */
    private static void release(Schema current, Path released) throws IOException {
        String text = current.toString(true);
        if (Files.exists(released) && !Files.readString(released, StandardCharsets.UTF_8).equals(text)) {
            Path history = RELEASED.resolve("history");
            Files.createDirectories(history);
            Files.move(released, history.resolve(current.getName() + "." + (history(current.getName()).size() + 1) + ".avsc"));
        }
        Files.writeString(released, text, StandardCharsets.UTF_8);
    }

    private static List<Path> history(String name) {
        List<Path> versions = new ArrayList<>();
        for (int n = 1; Files.exists(RELEASED.resolve("history/" + name + "." + n + ".avsc")); n++) {
            versions.add(RELEASED.resolve("history/" + name + "." + n + ".avsc"));
        }
        return versions;
    }
}
