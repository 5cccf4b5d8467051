package io.newsstream.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newsstream.schema.AlertCandidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertedStoriesTest {

    @Test
    void shouldSendEveryCandidateOfANewStoryAndRememberTheirSubscriptions() {
        AlertedStories.Outcome outcome = AlertedStories.admit(List.of(), List.of(candidate("snow"), candidate("labs")));
        assertEquals(List.of("snow", "labs"), subscriptionsOf(outcome.toSend()));
        assertEquals(List.of("labs", "snow"), outcome.alerted());
    }

    @Test
    void shouldSendOnlyTheSubscriptionsTheStoryHasNotAlerted() {
        AlertedStories.Outcome outcome = AlertedStories.admit(List.of("labs", "snow"),
                List.of(candidate("labs"), candidate("border"), candidate("snow")));
        assertEquals(List.of("border"), subscriptionsOf(outcome.toSend()));
        assertEquals(List.of("border", "labs", "snow"), outcome.alerted());
    }

    @Test
    void shouldSendNothingWhenEveryCandidateWasSentBefore() {
        AlertedStories.Outcome outcome = AlertedStories.admit(List.of("labs"), List.of(candidate("labs")));
        assertEquals(List.of(), outcome.toSend());
        assertEquals(List.of("labs"), outcome.alerted());
    }

    @Test
    void shouldSendOneAlertWhenASubscriptionAppearsTwiceInOneArticle() {
        AlertedStories.Outcome outcome = AlertedStories.admit(List.of(), List.of(candidate("labs"), candidate("labs")));
        assertEquals(List.of("labs"), subscriptionsOf(outcome.toSend()));
    }

    private static List<String> subscriptionsOf(List<AlertCandidate> alerts) {
        return alerts.stream().map(AlertCandidate::getSubscriptionId).toList();
    }

    private static AlertCandidate candidate(String subscription) {
        return new AlertCandidate(subscription, List.of("w"), "s");
    }
}
