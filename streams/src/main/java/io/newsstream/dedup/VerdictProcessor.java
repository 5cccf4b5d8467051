package io.newsstream.dedup;

import io.newsstream.schema.AnchorMatch;
import io.newsstream.schema.DedupMessage;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.PendingDedup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one join back: an article waits here, keyed by its id, for the answers of all its anchors, then leaves
 * with its verdict. Input: {@link DedupMessage}s keyed by article id — the article itself, straight from
 * analysis, and each anchor's {@link AnchorMatch}. Output: the {@link EnrichedArticle} with its verdict.
 *
 * <p>Owns the store {@value #STORE}: article id → {@link PendingDedup}. An article whose answers do not all
 * arrive within the answer timeout (which exactly-once processing should never allow) is released with the
 * answers it has, and logged.
 */
public final class VerdictProcessor implements Processor<String, DedupMessage, String, EnrichedArticle> {

    public static final String STORE = "dedup-pending-store";

    private static final Logger LOG = LoggerFactory.getLogger(VerdictProcessor.class);

    private final Duration answerTimeout;
    private ProcessorContext<String, EnrichedArticle> context;
    private KeyValueStore<String, PendingDedup> store;

    public VerdictProcessor(Duration answerTimeout) {
        this.answerTimeout = answerTimeout;
    }

    @Override
    public void init(ProcessorContext<String, EnrichedArticle> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        Duration interval = answerTimeout.dividedBy(4).isZero() ? answerTimeout : answerTimeout.dividedBy(4);
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::releaseOverdue);
    }

    @Override
    public void process(Record<String, DedupMessage> record) {
        PendingDedup pending = store.get(record.key());
        if (pending == null) {
            pending = new PendingDedup(null, 0, null, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        }
        DedupMessage message = record.value();
        if (message.getArticle() != null) {
            pending.setArticle(message.getArticle());
        } else {
            pending.setAnswers(pending.getAnswers() + 1);
            pending.setBest(Verdicts.better(pending.getBest(), message.getMatch()));
        }
        if (isComplete(pending)) {
            store.delete(record.key());
            release(record.key(), pending, record.timestamp());
        } else {
            store.put(record.key(), pending);
        }
    }

    private static boolean isComplete(PendingDedup pending) {
        return pending.getArticle() != null
                && pending.getAnswers() >= pending.getArticle().getFingerprint().getAnchors().size();
    }

    private void release(String articleId, PendingDedup pending, long timestamp) {
        EnrichedArticle article = pending.getArticle();
        article.setDedup(Verdicts.of(article.getId(), pending.getBest(), Instant.ofEpochMilli(context.currentSystemTimeMs())));
        context.forward(new Record<>(articleId, article, timestamp));
    }

    private void releaseOverdue(long now) {
        List<KeyValue<String, PendingDedup>> overdue = new ArrayList<>();
        try (KeyValueIterator<String, PendingDedup> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, PendingDedup> next = all.next();
                if (next.value.getSince().plus(answerTimeout).toEpochMilli() < now) {
                    overdue.add(next);
                }
            }
        }
        for (KeyValue<String, PendingDedup> entry : overdue) {
            store.delete(entry.key);
            if (entry.value.getArticle() == null) {
                LOG.warn("Task {}: dropped {} anchor answers for article {} that never arrived", context.taskId(),
                        entry.value.getAnswers(), entry.key);
                continue;
            }
            LOG.warn("Task {}: released article {} after {} with {} of {} anchor answers", context.taskId(), entry.key,
                    answerTimeout, entry.value.getAnswers(), entry.value.getArticle().getFingerprint().getAnchors().size());
            release(entry.key, entry.value, now);
        }
    }
}
