package io.newsstream.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WaitBudgetTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final WaitBudget LIVE = WaitBudget.of(Duration.ofMinutes(1), Duration.ofSeconds(10));

    @Test
    void shouldGiveUpOnAnswersAfterTheTimeoutWhenThePipelineKeepsUp() {
        WaitBudget budget = LIVE.answered(T0, T0.plusMillis(200));
        assertFalse(budget.answersOverdue(T0, T0.plusSeconds(60)));
        assertTrue(budget.answersOverdue(T0, T0.plusSeconds(61)));
        assertFalse(budget.settleOver(T0, T0.plusSeconds(10)));
        assertTrue(budget.settleOver(T0, T0.plusSeconds(11)));
    }

    @Test
    void shouldStretchEveryWaitByHowLongTheLastArticleWaitedForItsAnswers() {
        // A backlog: the anchor stage answers five minutes after analysis.
        WaitBudget backlog = LIVE.answered(T0, T0.plus(Duration.ofMinutes(5)));
        assertEquals(Duration.ofMinutes(5), backlog.answerLag());
        Instant later = T0.plusSeconds(30);
        assertFalse(backlog.answersOverdue(later, later.plus(Duration.ofMinutes(5))));
        assertTrue(backlog.answersOverdue(later, later.plus(Duration.ofMinutes(6)).plusSeconds(1)));
        assertFalse(backlog.settleOver(later, later.plus(Duration.ofMinutes(5))));
        assertTrue(backlog.settleOver(later, later.plus(Duration.ofMinutes(5)).plusSeconds(10)));
        assertEquals(Duration.ofMinutes(6), backlog.candidatePatience());
    }

    @Test
    void shouldShrinkBackOnceTheBacklogIsGone() {
        WaitBudget caughtUp = LIVE.answered(T0, T0.plus(Duration.ofMinutes(5))).answered(T0, T0.plusMillis(150));
        assertEquals(Duration.ofMillis(150), caughtUp.answerLag());
        assertEquals(Duration.ZERO, LIVE.answered(T0, T0.minusSeconds(1)).answerLag());
    }
}
