package io.newsstream.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Decides what becomes of a stream thread that died of an unexpected error: it is replaced, unless more than
 * {@code maxReplacements} threads died within {@code window} — then the error is not transient, and the instance
 * shuts down (its records stay in Kafka, uncommitted, for the next start) rather than crash-looping. Pure: the
 * caller gives the time.
 */
final class ThreadFailurePolicy {

    enum Decision { REPLACE_THREAD, SHUTDOWN }

    private final int maxReplacements;
    private final Duration window;
    private final Deque<Instant> recent = new ArrayDeque<>();

    ThreadFailurePolicy(int maxReplacements, Duration window) {
        this.maxReplacements = maxReplacements;
        this.window = window;
    }

    synchronized Decision onFailure(Instant now) {
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(window))) {
            recent.removeFirst();
        }
        recent.addLast(now);
        return recent.size() > maxReplacements ? Decision.SHUTDOWN : Decision.REPLACE_THREAD;
    }

    /** Failures counted in the current window. */
    synchronized int recentFailures() {
        return recent.size();
    }
}
