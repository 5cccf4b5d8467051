package io.newsstream.alert;

import io.newsstream.schema.AlertCandidate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Which of an article's candidate alerts are new for its story, and what the story then remembers. Pure. */
public final class AlertedStories {

    /**
     * @param toSend  the candidates whose subscription the story has not alerted yet, in the candidates' order
     * @param alerted every subscription the story has alerted, those to send included, in id order
     */
    public record Outcome(List<AlertCandidate> toSend, List<String> alerted) {
    }

    private AlertedStories() {
    }

    /**
     * @param alerted    the subscriptions the story has alerted so far
     * @param candidates the alerts one article of the story raised
     */
    public static Outcome admit(List<String> alerted, List<AlertCandidate> candidates) {
        TreeSet<String> all = new TreeSet<>(alerted);
        List<AlertCandidate> toSend = new ArrayList<>();
        for (AlertCandidate candidate : candidates) {
            if (all.add(candidate.getSubscriptionId())) {
                toSend.add(candidate);
            }
        }
        return new Outcome(List.copyOf(toSend), List.copyOf(all));
    }
}
