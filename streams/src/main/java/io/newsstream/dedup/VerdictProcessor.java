package io.newsstream.dedup;

import io.newsstream.schema.AnchorAnswer;
import io.newsstream.schema.AnchorMatch;
import io.newsstream.schema.DedupMessage;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.PendingDedup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * analysis, each lookup's {@link AnchorAnswer}, and corrections. Output: the {@link EnrichedArticle} with its
 * verdict: a copy of the best candidate that came before it ({@link Verdicts#precedes}), or an original.
 *
 * <p>An article whose best candidate's own verdict was not out yet waits for it: the verdict comes as a correction
 * from the anchor partition where the candidate was found ({@link ArticleStories}), so a copy of a copy joins the
 * story's root rather than the intermediate copy, whichever instance decides first. The settle window bounds the
 * wait (a verdict lost to the dead-letter topic, say): then the article leaves with what it knows.
 *
 * <p>Owns two stores: {@value #ARTICLES} (article id → the waiting article, written and read once) and
 * {@value #ANSWERS} (article id → the small {@link PendingDedup} each answer updates). An article whose answers do
 * not all arrive within the answer timeout (a lookup that failed and went to the dead-letter topic, say) is
 * released with the answers it has, and logged. Both limits count beyond the anchor stage's current lag
 * ({@link WaitBudget}): in a backlog the answers are queued behind thousands of others, not lost.
 */
public final class VerdictProcessor implements Processor<String, DedupMessage, String, EnrichedArticle> {

    public static final String ARTICLES = "dedup-pending-store";
    public static final String ANSWERS = "dedup-answers-store";

    private static final Logger LOG = LoggerFactory.getLogger(VerdictProcessor.class);

    private final AnchorRouting routing;
    /** Stretches with the anchor stage's lag: in a backlog, answers and verdicts are queued, not lost. */
    private WaitBudget budget;
    /** Waits count from this task's start at the earliest: before it, nothing could answer. */
    private Instant startedAt;
    private ProcessorContext<String, EnrichedArticle> context;
    private KeyValueStore<String, EnrichedArticle> articles;
    private KeyValueStore<String, PendingDedup> answers;
    /**
     * Articles with all their answers, waiting for their best candidate's verdict (in memory, rebuilt from the store
     * at start).
     */
    private final Set<String> settling = new LinkedHashSet<>();

    /** @param routing how the article's anchors were grouped into lookups: one answer comes per lookup */
    public VerdictProcessor(Duration answerTimeout, Duration settleWindow, AnchorRouting routing) {
        this.budget = WaitBudget.of(answerTimeout, settleWindow);
        this.routing = routing;
    }

    @Override
    public void init(ProcessorContext<String, EnrichedArticle> context) {
        this.context = context;
        this.articles = context.getStateStore(ARTICLES);
        this.answers = context.getStateStore(ANSWERS);
        this.startedAt = now();
        // Settling articles are few and checked often; the scan of every waiting article for overdue answers is
        // rarer, because with a backlog thousands may be waiting.
        try (KeyValueIterator<String, PendingDedup> all = answers.all()) {
            all.forEachRemaining(kv -> {
                if (isComplete(kv.value)) {
                    settling.add(kv.key);
                }
            });
        }
        context.schedule(Duration.ofMillis(Math.max(1, budget.settleWindow().toMillis() / 4)),
                PunctuationType.WALL_CLOCK_TIME, this::releaseSettled);
        context.schedule(Duration.ofMillis(Math.max(1, budget.answerTimeout().toMillis() / 4)),
                PunctuationType.WALL_CLOCK_TIME, this::releaseOverdue);
    }

    @Override
    public void process(Record<String, DedupMessage> record) {
        String id = record.key();
        PendingDedup state = answers.get(id);
        DedupMessage message = record.value();
        if (state == null) {
            if (message.getMatch() != null) {
                return; // a correction: the article has its verdict already, and corrections only help those waiting
            }
            state = PendingDedup.newBuilder().setSince(now()).build();
        }
        EnrichedArticle article = message.getArticle();
        if (article != null) {
            state.setArrived(true);
            state.setAnchors(article.getFingerprint().getAnchors());
            state.setExpected(routing.groups(state.getAnchors()).size());
            state.setFirstSeen(earliest(state.getFirstSeen(), article.getProcessedAt()));
        } else if (message.getAnswer() != null) {
            AnchorAnswer answer = message.getAnswer();
            state.setAnswers(state.getAnswers() + 1);
            state.setFirstSeen(earliest(state.getFirstSeen(), answer.getArticleFirstSeen()));
            state.setMatches(merged(state.getMatches(), answer.getMatches()));
            state.setStoredAnchors(concat(state.getStoredAnchors(), answer.getStoredAnchors()));
        } else {
            state.setMatches(state.getMatches().stream().map(m -> Verdicts.corrected(m, message.getMatch())).toList());
        }
        if (isComplete(state) && state.getCompletedAt() == null) {
            state.setCompletedAt(now());
            budget = budget.answered(waitingSince(state), state.getCompletedAt());
        }
        if (isComplete(state) && isSettled(state, now())) {
            release(id, article != null ? article : articles.get(id), state);
            return;
        }
        if (isComplete(state)) {
            settling.add(id);
        }
        if (article != null) {
            articles.put(id, article);
        }
        answers.put(id, state);
    }

    /**
     * The candidates of both lists, each once: where it was found at the smallest anchor, with its final story if
     * any partition knew it.
     */
    private static List<AnchorMatch> merged(List<AnchorMatch> known, List<AnchorMatch> found) {
        Map<String, AnchorMatch> byCandidate = new LinkedHashMap<>();
        for (AnchorMatch m : concat(known, found)) {
            byCandidate.merge(m.getCandidateId(), m, (a, b) -> {
                AnchorMatch first = foundAt(b) < foundAt(a) ? b : a;
                AnchorMatch other = first == a ? b : a;
                return !first.getCandidateSettled() && other.getCandidateSettled() ? Verdicts.settledAs(first, other) : first;
            });
        }
        return List.copyOf(byCandidate.values());
    }

    private static long foundAt(AnchorMatch m) {
        return m.getFoundAt() == null ? Long.MAX_VALUE : m.getFoundAt();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The candidates that came before the article. */
    private List<AnchorMatch> preceding(PendingDedup state) {
        return Verdicts.preceding(state.getMatches(), state.getAnchors(), state.getStoredAnchors(), state.getFirstSeen(),
                budget.answerTimeout());
    }

    /**
     * Whether the verdict is final: the best candidate's own verdict is out, or the settle window is over (a state
     * written before completion times were kept has no window: it goes).
     */
    private boolean isSettled(PendingDedup state, Instant now) {
        return state.getCompletedAt() == null || budget.settleOver(state.getCompletedAt(), now)
                || !Verdicts.awaitsCandidate(Verdicts.best(preceding(state)), now, budget.candidatePatience());
    }

    /** Since when the article has been waiting for answers that could come. */
    private Instant waitingSince(PendingDedup state) {
        return state.getSince().isAfter(startedAt) ? state.getSince() : startedAt;
    }

    private static boolean isComplete(PendingDedup state) {
        return state.getArrived() && state.getAnswers() >= state.getExpected();
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    private void release(String id, EnrichedArticle article, PendingDedup state) {
        // A replayed article keeps the first-seen time its anchors remember, so its verdict is the same as before.
        article.setDedup(Verdicts.of(article.getId(), Verdicts.best(preceding(state)), state.getFirstSeen(), now()));
        context.forward(new Record<>(id, article, eventTime(article)));
        // put(null) deletes without reading and decoding the old value back, as delete() would (a whole article).
        articles.put(id, null);
        answers.put(id, null);
        settling.remove(id);
    }

    /** The event time newsstream gives an article: its publication, never later than its ingest. */
    private static long eventTime(EnrichedArticle article) {
        long ingested = article.getIngestedAt().toEpochMilli();
        return article.getPublishedAt() == null ? ingested : Math.max(0, Math.min(article.getPublishedAt().toEpochMilli(), ingested));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    /** Releases the waiting articles whose settle window has passed. */
    private void releaseSettled(long nowMs) {
        Instant now = Instant.ofEpochMilli(nowMs);
        for (String id : List.copyOf(settling)) {
            PendingDedup state = answers.get(id);
            if (state == null) {
                settling.remove(id);
            } else if (isSettled(state, now)) {
                release(id, articles.get(id), state);
            }
        }
    }

    /** Releases articles whose answers are overdue, with the answers they have. */
    private void releaseOverdue(long nowMs) {
        Instant now = Instant.ofEpochMilli(nowMs);
        List<KeyValue<String, PendingDedup>> due = new ArrayList<>();
        try (KeyValueIterator<String, PendingDedup> all = answers.all()) {
            while (all.hasNext()) {
                KeyValue<String, PendingDedup> next = all.next();
                if (budget.answersOverdue(waitingSince(next.value), now)) {
                    due.add(next);
                }
            }
        }
        for (KeyValue<String, PendingDedup> entry : due) {
            PendingDedup state = entry.value;
            if (!state.getArrived()) {
                LOG.warn("Task {}: dropped {} anchor answers for article {} that never arrived", context.taskId(),
                        state.getAnswers(), entry.key);
                answers.put(entry.key, null);
                continue;
            }
            if (!isComplete(state)) {
                LOG.warn("Task {}: released article {} after {} with {} of {} anchor answers (the last complete article "
                        + "waited {})", context.taskId(), entry.key, Duration.between(state.getSince(), now),
                        state.getAnswers(), state.getExpected(), budget.answerLag());
            }
            release(entry.key, articles.get(entry.key), state);
        }
    }
}
