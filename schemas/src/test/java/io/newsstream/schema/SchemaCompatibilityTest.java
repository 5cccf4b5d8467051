package io.newsstream.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
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
                PipelineFailure.getClassSchema(), StoryCluster.getClassSchema(), AnchorProbe.getClassSchema(),
                AnchorMatch.getClassSchema(), AnchorEntry.getClassSchema(), PendingDedup.getClassSchema(),
                AnchorAnswer.getClassSchema(), DedupMessage.getClassSchema(), Subscription.getClassSchema(),
                Alert.getClassSchema());
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void shouldStayBackwardAndForwardCompatibleWithTheReleasedVersion(Schema current) throws IOException {
        Path released = RELEASED.resolve(current.getName() + ".avsc");
        if (Boolean.getBoolean("newsstream.release-schemas")) {
            Files.writeString(released, current.toString(true), StandardCharsets.UTF_8);
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
}
