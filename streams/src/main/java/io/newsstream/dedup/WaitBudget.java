package io.newsstream.dedup;

import java.time.Duration;
import java.time.Instant;

/**
 * How long the verdict stage waits for an article's anchor answers and for its best candidate's verdict. The
 * limits are wall-clock, but the anchor stage can lag far behind analysis — a backlog or a replay: Kafka Streams
 * gives every task the same number of records per round, and each article sends about ten records through the
 * anchor topic — so every limit stretches by the answer lag, how long the last article to get all its answers
 * waited for them. A wait is given up only when it lasts longer than the pipeline is taking anyway: an answer or
 * verdict that is lost, not one that is queued. Pure.
 *
 * @param answerTimeout how much longer than the lag an article waits for its answers
 * @param settleWindow  how much longer than the lag a complete article waits for its best candidate's verdict
 * @param answerLag     how long the last article to get all its answers waited for them
 */
public record WaitBudget(Duration answerTimeout, Duration settleWindow, Duration answerLag) {

    public static WaitBudget of(Duration answerTimeout, Duration settleWindow) {
        return new WaitBudget(answerTimeout, settleWindow, Duration.ZERO);
    }

    /** The budget after an article got its last answer, having waited since {@code waitingSince}. */
    public WaitBudget answered(Instant waitingSince, Instant now) {
        Duration lag = Duration.between(waitingSince, now);
        return new WaitBudget(answerTimeout, settleWindow, lag.isNegative() ? Duration.ZERO : lag);
    }

    /** Whether an article waiting for answers since {@code waitingSince} will not get them all. */
    public boolean answersOverdue(Instant waitingSince, Instant now) {
        return waitingSince.plus(answerTimeout).plus(answerLag).isBefore(now);
    }

    /** Whether an article complete since {@code completedAt} has waited long enough for its candidate's verdict. */
    public boolean settleOver(Instant completedAt, Instant now) {
        return !completedAt.plus(settleWindow).plus(answerLag).isAfter(now);
    }

    /** How long after a candidate was first seen its verdict may still be coming ({@link Verdicts#awaitsCandidate}). */
    public Duration candidatePatience() {
        return answerTimeout.plus(answerLag);
    }
}
