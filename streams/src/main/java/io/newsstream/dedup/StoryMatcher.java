package io.newsstream.dedup;

import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.DedupVerdict;
import io.newsstream.schema.MatchMethod;
import io.newsstream.schema.StoryEntry;
import java.time.Instant;

/**
 * Decides whether an article is the first of its story or a copy, given what the dedup store holds for
 * its fingerprint. The first article seen with a fingerprint founds the story; later ones are copies of
 * it. Seeing the founding article again (a replay) gives the same ORIGINAL verdict, so an article is
 * never a copy of itself. Pure.
 */
public final class StoryMatcher {

    /** The verdict and the store entry to write back. */
    public record Decision(DedupVerdict verdict, StoryEntry entry) {
    }

    private StoryMatcher() {
    }

    /**
     * @param articleId the article being decided
     * @param existing  the store entry for its fingerprint, or null when none
     * @param timestamp the article's event time
     */
    public static Decision decide(String articleId, StoryEntry existing, Instant timestamp) {
        if (existing == null) {
            StoryEntry founded = new StoryEntry(articleId, articleId, timestamp, timestamp);
            return new Decision(original(articleId), founded);
        }
        Instant lastSeen = timestamp.isAfter(existing.getLastSeen()) ? timestamp : existing.getLastSeen();
        StoryEntry updated = StoryEntry.newBuilder(existing).setLastSeen(lastSeen).build();
        if (existing.getCanonicalId().equals(articleId)) {
            return new Decision(original(articleId, existing.getClusterId()), updated);
        }
        DedupVerdict copy = DedupVerdict.newBuilder()
                .setStatus(DedupStatus.COPY)
                .setClusterId(existing.getClusterId())
                .setCanonicalId(existing.getCanonicalId())
                .setSimilarity(1.0)
                .setMethod(MatchMethod.EXACT)
                .build();
        return new Decision(copy, updated);
    }

    private static DedupVerdict original(String articleId) {
        return original(articleId, articleId);
    }

    private static DedupVerdict original(String articleId, String clusterId) {
        return DedupVerdict.newBuilder()
                .setStatus(DedupStatus.ORIGINAL)
                .setClusterId(clusterId)
                .setCanonicalId(articleId)
                .setSimilarity(1.0)
                .setMethod(MatchMethod.NONE)
                .build();
    }

    /** Whether an entry last seen at {@code lastSeen} has outlived the retention at stream time {@code now}. */
    public static boolean isExpired(StoryEntry entry, Instant now, java.time.Duration retention) {
        return entry.getLastSeen().plus(retention).isBefore(now);
    }
}
