package io.newsstream.alert;

import io.newsstream.schema.Alert;
import io.newsstream.schema.AlertedStory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Which of an article's candidate alerts are new for its story, and what the story then remembers. Pure. */
final class AlertedStories {

    /**
     * @param toSend  the candidates whose subscription the story has not alerted yet, in the candidates' order
     * @param updated the story's record with those subscriptions added; null when nothing is sent (nothing to write)
     */
    record Outcome(List<Alert> toSend, AlertedStory updated) {
    }

    private AlertedStories() {
    }

    /**
     * @param story      what the story has alerted so far; null for a story never alerted
     * @param candidates the alerts one article raised, all for that story
     * @param eventTime  the article's event time, from which the story's retention counts again
     */
    static Outcome admit(AlertedStory story, List<Alert> candidates, Instant eventTime) {
        TreeSet<String> alerted = new TreeSet<>(story == null ? List.of() : story.getSubscriptionIds());
        List<Alert> toSend = new ArrayList<>();
        for (Alert candidate : candidates) {
            if (alerted.add(candidate.getSubscriptionId())) {
                toSend.add(candidate);
            }
        }
        if (toSend.isEmpty()) {
            return new Outcome(List.of(), null);
        }
        Instant last = story == null || story.getLastAlerted().isBefore(eventTime) ? eventTime : story.getLastAlerted();
        return new Outcome(List.copyOf(toSend), new AlertedStory(new ArrayList<>(alerted), last));
    }
}
