package io.newsstream.kafka;

import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.PipelineFailure;
import io.newsstream.schema.RawArticle;
import io.newsstream.schema.RejectedArticle;
import io.newsstream.schema.StoryCluster;
import io.newsstream.schema.Subscription;
import io.newsstream.schema.Alert;
import io.newsstream.schema.AnalyzedArticle;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;

/**
 * Decodes any newsstream record from its single-object bytes, whatever its type: the header carries
 * the writer schema's fingerprint, which names the schema. Used by {@code tail} and the dead-letter handler.
 */
public final class NewsstreamRecords {

    private static final List<Schema> KNOWN = List.of(RawArticle.getClassSchema(), EnrichedArticle.getClassSchema(),
            RejectedArticle.getClassSchema(), PipelineFailure.getClassSchema(), StoryCluster.getClassSchema(),
            AnalyzedArticle.getClassSchema(),
            Subscription.getClassSchema(), Alert.getClassSchema());
    private static final Map<Long, Schema> BY_FINGERPRINT = new HashMap<>();

    static {
        for (Schema s : KNOWN) {
            BY_FINGERPRINT.put(SchemaNormalization.parsingFingerprint64(s), s);
        }
    }

    private NewsstreamRecords() {
    }

    /** The record in these bytes, or empty when they are not a newsstream record this version knows. */
    public static Optional<GenericRecord> decode(byte[] bytes) {
        if (bytes == null || bytes.length < 10 || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
            return Optional.empty();
        }
        long fingerprint = 0;
        for (int i = 9; i >= 2; i--) {
            fingerprint = (fingerprint << 8) | (bytes[i] & 0xFF);
        }
        Schema schema = BY_FINGERPRINT.get(fingerprint);
        if (schema == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BinaryMessageDecoder<GenericRecord>(GenericData.get(), schema).decode(bytes));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The record as one line of JSON, or a description of the bytes when they cannot be decoded. */
    public static String toJson(byte[] bytes) {
        return decode(bytes).map(r -> GenericData.get().toString(r))
                .orElseGet(() -> bytes == null ? "null" : "{\"undecodable\": " + bytes.length + "}");
    }

    /** A top-level string field ({@code id}, {@code origin}) of the newsstream record in these bytes, when it has one. */
    public static Optional<String> stringField(byte[] bytes, String field) {
        return decode(bytes)
                .filter(r -> r.getSchema().getField(field) != null)
                .map(r -> r.get(field))
                .map(Object::toString);
    }
}
