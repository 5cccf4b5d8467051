package io.newsstream.dedup;

import io.newsstream.schema.StoryCluster;
import io.newsstream.schema.StoryMember;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the record of one story: every outlet's article with its provenance, and the canonical article —
 * the earliest published (the first seen when publication times are unknown). Copies are provenance, never
 * deleted; a story with more than {@code maxMembers} keeps the latest ones listed and counts them all. Pure.
 */
public final class StoryClusters {

    private final int maxMembers;

    public StoryClusters(int maxMembers) {
        this.maxMembers = maxMembers;
    }

    public StoryCluster add(StoryCluster existing, String clusterId, StoryMember member, Instant eventTime) {
        List<StoryMember> members = existing == null ? new ArrayList<>() : new ArrayList<>(existing.getMembers());
        int count = existing == null ? 0 : existing.getMemberCount();
        boolean known = members.removeIf(m -> m.getArticleId().equals(member.getArticleId()));
        members.add(member);
        if (!known) {
            count++;
        }
        if (members.size() > maxMembers) {
            members = new ArrayList<>(members.subList(members.size() - maxMembers, members.size()));
        }
        // The canonical article changes only for one published strictly earlier: ties keep the first seen.
        StoryMember canonical = existing == null
                || publishedOrSeen(member).isBefore(publishedOrSeen(existing.getCanonical())) ? member : existing.getCanonical();
        Set<String> outlets = new LinkedHashSet<>(existing == null ? List.of() : existing.getOutlets());
        if (member.getSource() != null) {
            outlets.add(member.getSource());
        }
        Instant updated = existing == null || eventTime.isAfter(existing.getUpdatedAt()) ? eventTime : existing.getUpdatedAt();
        return StoryCluster.newBuilder()
                .setClusterId(clusterId).setCanonical(canonical).setMembers(members).setMemberCount(count)
                .setOutlets(List.copyOf(outlets)).setUpdatedAt(updated)
                .build();
    }

    private static Instant publishedOrSeen(StoryMember m) {
        return m.getPublishedAt() != null ? m.getPublishedAt() : m.getFirstSeen();
    }
}
