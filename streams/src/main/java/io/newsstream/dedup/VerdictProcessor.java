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
 * <p>An article whose best match is an article seen only moments ago, not yet known to belong to an older story,
 * waits up to the settle window for a correction (sent when that article's own verdict is recorded at the anchor),
 * so a copy of a copy joins the story's root rather than the intermediate copy.
 *
 * <p>Owns the store {@value #STORE}: article id → {@link PendingDedup}. An article whose answers do not all
 * arrive within the answer timeout (a lookup that failed and went to the dead-letter topic, say) is released with
 * the answers it has, and logged.
 */
public final class VerdictProcessor implements Processor<String, DedupMessage, String, EnrichedArticle> {

    public static final String STORE = "dedup-pending-store";

    private static final Logger LOG = LoggerFactory.getLogger(VerdictProcessor.class);

    private final Duration answerTimeout;
    private final Duration settleWindow;
    private ProcessorContext<String, EnrichedArticle> context;
    private KeyValueStore<String, PendingDedup> store;

    private final AnchorRouting routing;

    /** @param routing how the article's anchors were grouped into lookups: one answer comes per lookup */
    public VerdictProcessor(Duration answerTimeout, Duration settleWindow, AnchorRouting routing) {
        this.answerTimeout = answerTimeout;
        this.settleWindow = settleWindow;
        this.routing = routing;
    }

    @Override
    public void init(ProcessorContext<String, EnrichedArticle> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        Duration interval = Duration.ofMillis(Math.max(1, settleWindow.toMillis() / 4));
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::releaseDue);
    }

    @Override
    public void process(Record<String, DedupMessage> record) {
        PendingDedup pending = store.get(record.key());
        DedupMessage message = record.value();
        boolean correction = message.getMatch() != null && message.getMatch().getCorrection();
        if (pending == null) {
            if (correction) {
                return; // the article has its verdict already: corrections only help those still waiting
            }
            pending = new PendingDedup(null, -1, 0, null, Instant.ofEpochMilli(context.currentSystemTimeMs()), null);
        }
        if (message.getArticle() != null) {
            pending.setArticle(message.getArticle());
            pending.setExpected(routing.groups(message.getArticle().getFingerprint().getAnchors()).size());
        } else {
            pending.setAnswers(pending.getAnswers() + (correction ? 0 : 1));
            pending.setFirstSeen(earliest(pending.getFirstSeen(), message.getMatch().getArticleFirstSeen()));
            pending.setBest(Verdicts.better(pending.getBest(), message.getMatch()));
        }
        if (isComplete(pending) && !Verdicts.unsettled(pending.getBest(), now(), settleWindow)) {
            release(record.key(), pending);
            store.delete(record.key());
        } else {
            store.put(record.key(), pending);
        }
    }

    private static boolean isComplete(PendingDedup pending) {
        return pending.getArticle() != null && pending.getAnswers() >= pending.getExpected();
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    private void release(String articleId, PendingDedup pending) {
        EnrichedArticle article = pending.getArticle();
        // A replayed article keeps the first-seen time its anchors remember, so its verdict is the same as before.
        Instant firstSeen = earliest(pending.getFirstSeen(), article.getProcessedAt());
        article.setDedup(Verdicts.of(article.getId(), pending.getBest(), firstSeen, now()));
        long timestamp = article.getPublishedAt() == null ? article.getIngestedAt().toEpochMilli()
                : Math.min(article.getPublishedAt().toEpochMilli(), article.getIngestedAt().toEpochMilli());
        context.forward(new Record<>(articleId, article, timestamp));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    /** Releases articles whose settle window has passed, and any whose answers are overdue. */
    private void releaseDue(long nowMs) {
        Instant now = Instant.ofEpochMilli(nowMs);
        List<KeyValue<String, PendingDedup>> settled = new ArrayList<>();
        List<KeyValue<String, PendingDedup>> overdue = new ArrayList<>();
        try (KeyValueIterator<String, PendingDedup> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, PendingDedup> next = all.next();
                if (isComplete(next.value) && !Verdicts.unsettled(next.value.getBest(), now, settleWindow)) {
                    settled.add(next);
                } else if (next.value.getSince().plus(answerTimeout).isBefore(now)) {
                    overdue.add(next);
                }
            }
        }
        for (KeyValue<String, PendingDedup> entry : settled) {
            release(entry.key, entry.value);
            store.delete(entry.key);
        }
        for (KeyValue<String, PendingDedup> entry : overdue) {
            store.delete(entry.key);
            if (entry.value.getArticle() == null) {
                LOG.warn("Task {}: dropped {} anchor answers for article {} that never arrived", context.taskId(),
                        entry.value.getAnswers(), entry.key);
                continue;
            }
            LOG.warn("Task {}: released article {} after {} with {} of {} anchor answers", context.taskId(), entry.key,
                    answerTimeout, entry.value.getAnswers(), entry.value.getExpected());
            release(entry.key, entry.value);
        }
    }
}
