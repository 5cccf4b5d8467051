package io.newsstream.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThreadFailurePolicyTest {

    private static final Instant NOON = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void shouldReplaceThreadsUntilTooManyDieWithinTheWindow() {
        ThreadFailurePolicy policy = new ThreadFailurePolicy(2, Duration.ofMinutes(10));
        assertEquals(ThreadFailurePolicy.Decision.REPLACE_THREAD, policy.onFailure(NOON));
        assertEquals(ThreadFailurePolicy.Decision.REPLACE_THREAD, policy.onFailure(NOON.plusSeconds(60)));
        assertEquals(ThreadFailurePolicy.Decision.SHUTDOWN, policy.onFailure(NOON.plusSeconds(120)));
    }

    @Test
    void shouldForgetFailuresOlderThanTheWindow() {
        ThreadFailurePolicy policy = new ThreadFailurePolicy(1, Duration.ofMinutes(10));
        assertEquals(ThreadFailurePolicy.Decision.REPLACE_THREAD, policy.onFailure(NOON));
        assertEquals(ThreadFailurePolicy.Decision.REPLACE_THREAD, policy.onFailure(NOON.plus(Duration.ofMinutes(11))));
        assertEquals(1, policy.recentFailures());
        assertEquals(ThreadFailurePolicy.Decision.SHUTDOWN, policy.onFailure(NOON.plus(Duration.ofMinutes(12))));
    }

    @Test
    void shouldShutDownAtTheFirstFailureWhenNoReplacementIsAllowed() {
        assertEquals(ThreadFailurePolicy.Decision.SHUTDOWN,
                new ThreadFailurePolicy(0, Duration.ofMinutes(10)).onFailure(NOON));
    }
}
