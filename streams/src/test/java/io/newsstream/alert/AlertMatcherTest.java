package io.newsstream.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.normalize.CanonicalTokens;
import io.newsstream.schema.Alert;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.DedupVerdict;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.Entity;
import io.newsstream.schema.EntityType;
import io.newsstream.schema.Mention;
import io.newsstream.schema.Fingerprint;
import io.newsstream.schema.MatchMethod;
import io.newsstream.schema.Subscription;
import io.newsstream.schema.TopicScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertMatcherTest {

    private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    Path dir;

    private static EnrichedArticle article(String title, String body, List<String> labels) {
        return EnrichedArticle.newBuilder()
                .setId("a-1").setOrigin("a-1.txt").setSource("Desert Wire").setTitle(title).setBody(body)
                .setIngestedAt(NOW).setProcessedAt(NOW).setClassifierVersion("test")
                .setTopics(labels.stream().map(l -> new TopicScore(l, 0.9, List.of())).toList())
                .setFingerprint(new Fingerprint("h", List.of()))
                .setDedup(DedupVerdict.newBuilder().setStatus(DedupStatus.ORIGINAL).setClusterId("story-1")
                        .setCanonicalId("a-1").setSimilarity(1.0).setMethod(MatchMethod.NONE).setStoryFirstSeen(NOW).build())
                .setWordCount(10).setKeywords(List.of())
                .build();
    }

    private static SubscriptionRegistry registry(Subscription... subscriptions) {
        SubscriptionRegistry registry = new SubscriptionRegistry();
        for (Subscription s : subscriptions) {
            registry.put(s);
        }
        return registry;
    }

    /** The two steps as the pipeline runs them: matched in analysis, raised in the story stage. */
    private static List<Alert> alertsFor(EnrichedArticle article, SubscriptionIndex index, Instant now) {
        return AlertMatcher.raise(article, AlertMatcher.candidatesFor(article, index), now);
    }

    @Test
    void shouldRaiseOneAlertPerMatchingSubscriptionWithTheMatchMarkedInItsPassage() {
        SubscriptionRegistry registry = registry(
                Subscriptions.of("tunnels", "\"drug tunnel\" OR fentanyl", List.of(), NOW),
                Subscriptions.of("ice", "ICE", List.of(), NOW));
        EnrichedArticle a = article("Agents find drug tunnel", "NOGALES, Ariz. — Police and federal agents found a "
                + "drug tunnel under the border on Tuesday.", List.of("border-security"));
        List<Alert> alerts = alertsFor(a, registry.index(), NOW);
        assertEquals(1, alerts.size(), "no ICE inside 'police': " + alerts);
        Alert alert = alerts.get(0);
        assertEquals("tunnels", alert.getSubscriptionId());
        assertEquals("story-1", alert.getClusterId());
        assertEquals(List.of("drug tunnel"), alert.getMatched());
        assertTrue(alert.getSnippet().startsWith("Agents find **drug tunnel** —"), alert.getSnippet());
    }

    @Test
    void shouldMatchAnEntityByAnyNameTheMergeKnows() {
        Entity amlo = Entity.newBuilder().setName("Andrés Manuel López Obrador").setType(EntityType.PERSON)
                .setMentionCount(1).setMentions(List.of(new Mention(0, 27)))
                .setVariants(List.of("Andres Manuel Lopez Obrador")).setAliases(List.of("AMLO")).build();
        Entity mexico = Entity.newBuilder().setName("Mexico").setType(EntityType.PLACE).setCountryCode("MX")
                .setMentionCount(1).setMentions(List.of(new Mention(40, 46))).setVariants(List.of("Mexico")).build();
        EnrichedArticle article = EnrichedArticle.newBuilder(article("Talks", "Andres Manuel Lopez Obrador spoke about Mexico.",
                List.of())).setEntities(List.of(amlo, mexico)).build();

        for (String query : List.of("entity:AMLO", "entity:\"lopez obrador\"", "entity:Obrador",
                "entity:\"Andrés Manuel López Obrador\"", "entity:MX", "entity:mexico")) {
            SubscriptionRegistry registry = registry(Subscriptions.of("s", query, List.of(), NOW));
            assertEquals(1, alertsFor(article, registry.index(), NOW).size(), query);
        }
        SubscriptionRegistry other = registry(Subscriptions.of("s", "entity:Sheinbaum OR entity:\"Manuel Lopez\"", List.of(), NOW));
        assertTrue(alertsFor(article, other.index(), NOW).isEmpty(), "neither another person nor part of a name matches");
        Entity kim = Entity.newBuilder().setName("Kim Jong Un").setType(EntityType.PERSON).setMentionCount(1)
                .setMentions(List.of(new Mention(0, 11))).setVariants(List.of("Kim Jong Un")).build();
        EnrichedArticle aboutKim = EnrichedArticle.newBuilder(article).setEntities(List.of(kim)).build();
        assertTrue(alertsFor(aboutKim, registry(Subscriptions.of("s", "entity:UN", List.of(), NOW)).index(), NOW).isEmpty(),
                "the end of a name is no name when it is two letters");
        assertEquals(1, alertsFor(aboutKim, registry(Subscriptions.of("s", "entity:\"Jong Un\"", List.of(), NOW)).index(), NOW).size());
    }

    @Test
    void shouldRestrictASubscriptionToItsTopics() {
        EnrichedArticle a = article("Cartel lab raided", "Marines raided a fentanyl lab.", List.of("cartels"));
        assertEquals(1, alertsFor(a, registry(Subscriptions.of("s", "fentanyl", List.of("cartels", "border-security"), NOW)).index(), NOW).size());
        assertEquals(0, alertsFor(a, registry(Subscriptions.of("s", "fentanyl", List.of("foreign-policy"), NOW)).index(), NOW).size());
    }

    @Test
    void shouldStopMatchingARemovedOrBrokenSubscription() {
        SubscriptionRegistry registry = registry(Subscriptions.of("s", "fentanyl", List.of(), NOW));
        EnrichedArticle a = article("Lab raided", "Marines raided a fentanyl lab.", List.of());
        registry.remove("s");
        assertEquals(0, alertsFor(a, registry.index(), NOW).size());
        registry.put(Subscriptions.of("s", "fentanyl", List.of(), NOW));
        registry.put(Subscription.newBuilder().setId("s").setQuery("(fentanyl OR").build());
        assertEquals(0, alertsFor(a, registry.index(), NOW).size());
    }

    @Test
    void shouldNotLetTheRestoredStoreUndoAChangeThatArrivedFirst() {
        SubscriptionRegistry registry = new SubscriptionRegistry();
        registry.remove("s");
        registry.put("t", Subscriptions.of("t", "tunnel", List.of(), NOW));
        registry.loadOnce(Map.of("s", Subscriptions.of("s", "fentanyl", List.of(), NOW),
                "t", Subscriptions.of("t", "(old query)", List.of(), NOW), "u", Subscriptions.of("u", "lab", List.of(), NOW)));
        EnrichedArticle a = article("Lab raided", "Marines raided a fentanyl lab and a tunnel.", List.of());
        assertEquals(List.of("t", "u"), alertsFor(a, registry.index(), NOW).stream().map(Alert::getSubscriptionId).toList());
    }

    private static String snippet(String text, String matched) {
        return new Snippets(text, 0, CanonicalTokens.withOffsets(text), List.of(matched)).around(List.of(matched));
    }

    @Test
    void shouldShowTheStartOfTheTextWhenOnlyAFieldMatched() {
        String text = "A quiet day. " + "Nothing else happened at all in the valley today. ".repeat(10);
        String snippet = snippet(text, "source:desert wire");
        assertTrue(snippet.startsWith("A quiet day.") && snippet.endsWith("…"), snippet);
    }

    @Test
    void shouldMarkTheMatchInASnippetOnOneLine() {
        String text = "Tunnel found\n\nAgents said the\t drug  tunnel ran\r\nunder the wall.";
        assertEquals("Tunnel found Agents said the **drug tunnel** ran under the wall.",
                snippet(text, "drug tunnel"));
    }

    @Test
    void shouldReadASubscriptionFileAndRefuseItWholeNamingEveryBadLine() throws IOException {
        Path file = dir.resolve("subs.jsonl");
        Files.writeString(file, "{\"id\": \"a\", \"query\": \"border wall\", \"topics\": [\"border-security\"]}\n\n"
                + "{\"id\": \"b\", \"query\": \"NEAR/3 wall\"}\nnot json\n{\"id\": \"a\", \"query\": \"x\"}\n{\"id\": \"c\"}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Subscriptions.readJsonLines(file, NOW));
        assertTrue(e.getMessage().contains("subs.jsonl:3: invalid query at position 0"), e.getMessage());
        assertTrue(e.getMessage().contains("subs.jsonl:4: invalid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("subs.jsonl:5: subscription id a appears twice"), e.getMessage());
        assertTrue(e.getMessage().contains("subs.jsonl:6: invalid query at position 0: the query is empty"), e.getMessage());

        Files.writeString(file, "{\"id\": \"a\", \"query\": \"border wall\", \"topics\": [\"border-security\"]}\n");
        List<Subscription> read = Subscriptions.readJsonLines(file, NOW);
        assertEquals(List.of("border-security"), read.get(0).getTopics());
    }
}
