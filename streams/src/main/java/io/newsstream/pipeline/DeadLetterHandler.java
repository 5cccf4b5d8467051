package io.newsstream.pipeline;

import io.newsstream.kafka.AvroSerde;
import io.newsstream.kafka.NewsstreamRecords;
import io.newsstream.schema.PipelineFailure;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every record the pipeline cannot deserialize or process to the dead-letter topic as a
 * {@link PipelineFailure} — with the error, the record's coordinates and origin, and its raw bytes — logs it
 * once at WARN, and lets processing continue. Nothing is lost and one bad record never stops the stream.
 * The topic comes from the Streams property {@value #DLQ_TOPIC_CONFIG}.
 */
public final class DeadLetterHandler implements ProcessingExceptionHandler, DeserializationExceptionHandler {

    public static final String DLQ_TOPIC_CONFIG = "newsstream.dlq.topic";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
    private static final AvroSerde<PipelineFailure> SERDE = AvroSerde.of(PipelineFailure.class);

    private String dlqTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(DLQ_TOPIC_CONFIG);
        if (topic == null) {
            throw new IllegalArgumentException(DLQ_TOPIC_CONFIG + " must name the dead-letter topic");
        }
        this.dlqTopic = topic.toString();
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(context, exception)));
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                                Exception exception) {
        return DeserializationExceptionHandler.Response.resume(List.of(deadLetter(context, exception)));
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, Exception exception) {
        byte[] key = context.sourceRawKey();
        byte[] value = context.sourceRawValue();
        // Inside the pipeline records are keyed by anchor or story: the value knows the article id when decodable.
        String articleId = NewsstreamRecords.stringField(value, "id")
                .or(() -> NewsstreamRecords.stringField(value, "articleId"))
                .orElse(key == null ? null : new String(key, StandardCharsets.UTF_8));
        String origin = NewsstreamRecords.stringField(value, "origin").orElse(null);
        LOG.warn("Dead-lettered record of task {} at {}-{}@{} (processor {}, origin {}): {}", context.taskId(),
                context.topic(), context.partition(), context.offset(), context.processorNodeId(), origin, exception.toString());
        // Records forwarded by a punctuator have no source record: Kafka gives no topic, partition or offset.
        PipelineFailure failure = PipelineFailure.newBuilder()
                .setTopic(context.topic() == null ? "(punctuation)" : context.topic())
                .setPartition(context.topic() == null ? -1 : context.partition())
                .setOffset(context.topic() == null ? -1 : context.offset())
                .setProcessor(context.processorNodeId())
                .setArticleId(articleId)
                .setOrigin(origin)
                .setErrorClass(exception.getClass().getName())
                .setErrorMessage(String.valueOf(exception.getMessage()))
                .setFailedAt(Instant.now())
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .build();
        return new ProducerRecord<>(dlqTopic, key, SERDE.encode(failure));
    }
}
