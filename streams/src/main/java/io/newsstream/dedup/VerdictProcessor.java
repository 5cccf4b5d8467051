package io.newsstream.dedup;

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
 * The one join back: an article waits here, keyed by its id, for the answers of all its anchor lookups, then
 * leaves with its verdict. Input: {@link DedupMessage}s keyed by article id — the article itself, straight from
 * analysis, and each lookup's {@link io.newsstream.schema.AnchorMatch}. Output: the {@link EnrichedArticle} with
 * its verdict.
 *
 * <p>An article whose best match is an article seen only moments ago, not yet known to belong to an older story,
 * waits up to the settle window for a correction (sent when that article's own verdict is recorded at the anchor),
 * so a copy of a copy joins the story's root rather than the intermediate copy.
 *
 * <p>Owns two stores: {@value #ARTICLES} (article id → the waiting article, written and read once) and
 * {@value #ANSWERS} (article id → the small {@link PendingDedup} each answer updates). An article whose answers do
 * not all arrive within the answer timeout (a lookup that failed and went to the dead-letter topic, say) is
 * released with the answers it has, and logged.
 */
public final class VerdictProcessor implements Processor<String, DedupMessage, String, EnrichedArticle> {

    public static final String ARTICLES = "dedup-pending-store";
    public static final String ANSWERS = "dedup-answers-store";

    private static final Logger LOG = LoggerFactory.getLogger(VerdictProcessor.class);

    private final Duration answerTimeout;
    private final Duration settleWindow;
    private final AnchorRouting routing;
    private ProcessorContext<String, EnrichedArticle> context;
    private KeyValueStore<String, EnrichedArticle> articles;
    private KeyValueStore<String, PendingDedup> answers;

    /** @param routing how the article's anchors were grouped into lookups: one answer comes per lookup */
    public VerdictProcessor(Duration answerTimeout, Duration settleWindow, AnchorRouting routing) {
        this.answerTimeout = answerTimeout;
        this.settleWindow = settleWindow;
        this.routing = routing;
    }

    @Override
    public void init(ProcessorContext<String, EnrichedArticle> context) {
        this.context = context;
        this.articles = context.getStateStore(ARTICLES);
        this.answers = context.getStateStore(ANSWERS);
        context.schedule(Duration.ofMillis(Math.max(1, settleWindow.toMillis() / 4)), PunctuationType.WALL_CLOCK_TIME,
                this::releaseDue);
    }

    @Override
    public void process(Record<String, DedupMessage> record) {
        String id = record.key();
        PendingDedup state = answers.get(id);
        DedupMessage message = record.value();
        boolean correction = message.getMatch() != null && message.getMatch().getCorrection();
        if (state == null) {
            if (correction) {
                return; // the article has its verdict already: corrections only help those still waiting
            }
            state = new PendingDedup(false, -1, 0, null, now(), null);
        }
        EnrichedArticle article = message.getArticle();
        if (article != null) {
            state.setArrived(true);
            state.setExpected(routing.groups(article.getFingerprint().getAnchors()).size());
        } else {
            state.setAnswers(state.getAnswers() + (correction ? 0 : 1));
            state.setFirstSeen(earliest(state.getFirstSeen(), message.getMatch().getArticleFirstSeen()));
            state.setBest(Verdicts.better(state.getBest(), message.getMatch()));
        }
        if (isComplete(state) && !Verdicts.unsettled(state.getBest(), now(), settleWindow)) {
            release(id, article != null ? article : articles.get(id), state);
            return;
        }
        if (article != null) {
            articles.put(id, article);
        }
        answers.put(id, state);
    }

    private static boolean isComplete(PendingDedup state) {
        return state.getArrived() && state.getAnswers() >= state.getExpected();
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    private void release(String id, EnrichedArticle article, PendingDedup state) {
        // A replayed article keeps the first-seen time its anchors remember, so its verdict is the same as before.
        Instant firstSeen = earliest(state.getFirstSeen(), article.getProcessedAt());
        article.setDedup(Verdicts.of(article.getId(), state.getBest(), firstSeen, now()));
        context.forward(new Record<>(id, article, eventTime(article)));
        articles.delete(id);
        answers.delete(id);
    }

    /** The event time newsstream gives an article: its publication, never later than its ingest. */
    private static long eventTime(EnrichedArticle article) {
        long ingested = article.getIngestedAt().toEpochMilli();
        return article.getPublishedAt() == null ? ingested : Math.max(0, Math.min(article.getPublishedAt().toEpochMilli(), ingested));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    /** Releases articles whose settle window has passed, and any whose answers are overdue. */
    private void releaseDue(long nowMs) {
        Instant now = Instant.ofEpochMilli(nowMs);
        List<KeyValue<String, PendingDedup>> due = new ArrayList<>();
        try (KeyValueIterator<String, PendingDedup> all = answers.all()) {
            while (all.hasNext()) {
                KeyValue<String, PendingDedup> next = all.next();
                boolean settled = isComplete(next.value) && !Verdicts.unsettled(next.value.getBest(), now, settleWindow);
                if (settled || next.value.getSince().plus(answerTimeout).isBefore(now)) {
                    due.add(next);
                }
            }
        }
        for (KeyValue<String, PendingDedup> entry : due) {
            PendingDedup state = entry.value;
            if (!state.getArrived()) {
                LOG.warn("Task {}: dropped {} anchor answers for article {} that never arrived", context.taskId(),
                        state.getAnswers(), entry.key);
                answers.delete(entry.key);
                continue;
            }
            if (!isComplete(state)) {
                LOG.warn("Task {}: released article {} after {} with {} of {} anchor answers", context.taskId(), entry.key,
                        answerTimeout, state.getAnswers(), state.getExpected());
            }
            release(entry.key, articles.get(entry.key), state);
        }
    }
}
