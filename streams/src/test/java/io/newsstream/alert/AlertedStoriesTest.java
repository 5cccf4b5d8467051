package io.newsstream.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.newsstream.schema.Alert;
import io.newsstream.schema.AlertedStory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertedStoriesTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void shouldSendEveryCandidateOfANewStoryAndRememberTheirSubscriptions() {
        AlertedStories.Outcome outcome = AlertedStories.admit(null, List.of(alert("snow", "a"), alert("labs", "a")), MONDAY);
        assertEquals(List.of("snow", "labs"), subscriptionsOf(outcome.toSend()));
        assertEquals(List.of("labs", "snow"), outcome.updated().getSubscriptionIds());
        assertEquals(MONDAY, outcome.updated().getLastAlerted());
    }

    @Test
    void shouldSendOnlyTheSubscriptionsTheStoryHasNotAlerted() {
        AlertedStory story = new AlertedStory(List.of("labs", "snow"), MONDAY);
        AlertedStories.Outcome outcome = AlertedStories.admit(story,
                List.of(alert("labs", "b"), alert("border", "b"), alert("snow", "b")), MONDAY.plusSeconds(60));
        assertEquals(List.of("border"), subscriptionsOf(outcome.toSend()));
        assertEquals("b", outcome.toSend().get(0).getArticleId());
        assertEquals(List.of("border", "labs", "snow"), outcome.updated().getSubscriptionIds());
        assertEquals(MONDAY.plusSeconds(60), outcome.updated().getLastAlerted());
    }

    @Test
    void shouldWriteNothingWhenEveryCandidateWasSentBefore() {
        AlertedStory story = new AlertedStory(List.of("labs"), MONDAY);
        AlertedStories.Outcome outcome = AlertedStories.admit(story, List.of(alert("labs", "copy")), MONDAY.plusSeconds(5));
        assertEquals(List.of(), outcome.toSend());
        assertNull(outcome.updated());
    }

    @Test
    void shouldKeepTheLaterAlertTimeWhenAnOlderCopyArrivesLate() {
        AlertedStory story = new AlertedStory(List.of("labs"), MONDAY);
        AlertedStories.Outcome outcome = AlertedStories.admit(story, List.of(alert("snow", "old")), MONDAY.minusSeconds(600));
        assertEquals(MONDAY, outcome.updated().getLastAlerted());
    }

    @Test
    void shouldSendOneAlertWhenASubscriptionAppearsTwiceInOneBatch() {
        AlertedStories.Outcome outcome = AlertedStories.admit(null, List.of(alert("labs", "a"), alert("labs", "a")), MONDAY);
        assertEquals(List.of("labs"), subscriptionsOf(outcome.toSend()));
    }

    private static List<String> subscriptionsOf(List<Alert> alerts) {
        return alerts.stream().map(Alert::getSubscriptionId).toList();
    }

    private static Alert alert(String subscription, String article) {
        return Alert.newBuilder().setSubscriptionId(subscription).setArticleId(article).setClusterId("story")
                .setOrigin(article + ".json").setTitle("t").setUrl(null).setSource("wire").setTopics(List.of())
                .setMatched(List.of("w")).setSnippet("s").setPublishedAt(null).setAlertedAt(MONDAY).build();
    }
}
