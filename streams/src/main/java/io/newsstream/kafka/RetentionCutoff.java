package io.newsstream.kafka;

import java.time.Duration;
import java.util.OptionalLong;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/** When a store's entries expire, for the processors that evict by event time. */
public final class RetentionCutoff {

    private RetentionCutoff() {
    }

    /**
     * The event time (epoch millis) before which entries are older than the retention, or empty while the task
     * has seen no record. Stream time is the newest event time seen, so a single record dated in the future
     * must not wipe the store: the cutoff never passes the wall clock.
     */
    public static OptionalLong of(ProcessorContext<?, ?> context, Duration retention) {
        long streamTime = context.currentStreamTimeMs();
        if (streamTime < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.min(streamTime, context.currentSystemTimeMs()) - retention.toMillis());
    }
}
