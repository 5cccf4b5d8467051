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
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every record the pipeline cannot deserialize, process or write to the dead-letter topic as a
 * {@link PipelineFailure} — with the error, the coordinates and origin of the record being processed, and its raw
 * bytes — logs it once at WARN with the stack trace, and lets processing continue. Nothing is lost and one bad
 * record never stops the stream. An output Kafka refuses for good (too large for the broker, say) is dead-lettered,
 * not retried forever; a transient failure (a broker away) is left to Kafka Streams, which retries the task.
 * The topic comes from the Streams property {@value #DLQ_TOPIC_CONFIG}.
 */
public final class DeadLetterHandler implements ProcessingExceptionHandler, DeserializationExceptionHandler,
        ProductionExceptionHandler {

    public static final String DLQ_TOPIC_CONFIG = "newsstream.dlq.topic";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
    private static final AvroSerde<PipelineFailure> SERDE = AvroSerde.of(PipelineFailure.class);
    /** Room under the producer's request limit for the record's framing. */
    private static final int FRAMING_BYTES = 1024;

    private String dlqTopic;
    private int maxDeadLetterBytes;
    private PipelineMetrics metrics = PipelineMetrics.none();

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(DLQ_TOPIC_CONFIG);
        if (topic == null) {
            throw new IllegalArgumentException(DLQ_TOPIC_CONFIG + " must name the dead-letter topic");
        }
        this.dlqTopic = topic.toString();
        if (configs.get(PipelineMetrics.CONFIG) instanceof PipelineMetrics given) {
            metrics = given;
        }
        Object limit = configs.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        if (limit == null) {
            limit = configs.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        }
        this.maxDeadLetterBytes = (limit == null ? 1024 * 1024 : Integer.parseInt(limit.toString().trim())) - FRAMING_BYTES;
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

    @Override
    public ProductionExceptionHandler.Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                           Exception exception) {
        if (exception instanceof RetriableException) {
            return ProductionExceptionHandler.Response.fail();
        }
        if (dlqTopic.equals(record.topic())) {
            // Never dead-letter a dead letter: that loops.
            LOG.error("A dead letter could not be written to {} and is lost (task {})", dlqTopic, context.taskId(), exception);
            return ProductionExceptionHandler.Response.resume();
        }
        return ProductionExceptionHandler.Response.resume(List.of(deadLetter(context, exception)));
    }

    @Override
    public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record,
                                                                        Exception exception, SerializationExceptionOrigin origin) {
        return ProductionExceptionHandler.Response.resume(List.of(deadLetter(context, exception)));
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, Exception exception) {
        byte[] key = context.sourceRawKey();
        byte[] value = context.sourceRawValue();
        // Inside the pipeline records are keyed by anchor or story: the value knows the article id when decodable.
        String articleId = NewsstreamRecords.stringField(value, "id")
                .or(() -> NewsstreamRecords.stringField(value, "articleId"))
                .orElse(key == null ? null : new String(key, StandardCharsets.UTF_8));
        String origin = NewsstreamRecords.stringField(value, "origin").orElse(null);
        metrics.deadLettered(exception);
        LOG.warn("Dead-lettered record of task {} at {}-{}@{} (processor {}, origin {})", context.taskId(),
                context.topic(), context.partition(), context.offset(), context.processorNodeId(), origin, exception);
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
        byte[] encoded = SERDE.encode(failure);
        // The dead letter must itself be a record Kafka takes: past the producer's limit, it goes without the value.
        if (encoded.length > maxDeadLetterBytes && value != null) {
            encoded = SERDE.encode(PipelineFailure.newBuilder(failure).setValue(null)
                    .setErrorMessage(failure.getErrorMessage() + " [source value of " + value.length
                            + " bytes omitted: the dead letter would exceed max.request.size]").build());
        }
        return new ProducerRecord<>(dlqTopic, key, encoded);
    }
}
