package io.newsstream.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newsstream.schema.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionIndexTest {

    private static final AlertDocument TUNNEL_STORY = AlertDocument.of(
            "Agents found a drug tunnel under the border near Nogales used by the Sinaloa cartel.",
            Set.of("border-security", "cartels"), "Desert Wire", Set.of());

    @Test
    void shouldFindEveryMatchingSubscriptionAndOnlyThose() {
        SubscriptionIndex index = new SubscriptionIndex();
        index.put("tunnels", QueryParser.parse("\"drug tunnel\""));
        index.put("cartels-not-tunnels", QueryParser.parse("cartel AND NOT tunnel"));
        index.put("border-desk", QueryParser.parse("topic:border-security"));
        index.put("weather", QueryParser.parse("storm OR flood"));
        List<SubscriptionIndex.Hit> hits = index.match(TUNNEL_STORY);
        assertEquals(List.of(new SubscriptionIndex.Hit("border-desk", List.of("topic:border-security")),
                new SubscriptionIndex.Hit("tunnels", List.of("drug tunnel"))), hits);
    }

    @Test
    void shouldMatchFieldFiltersWhoseValuesHaveSeveralWords() {
        SubscriptionIndex index = new SubscriptionIndex();
        index.put("desk", QueryParser.parse("source:\"Desert Wire\""));
        index.put("other-desk", QueryParser.parse("source:\"Coastal Wire\""));
        assertEquals(List.of(new SubscriptionIndex.Hit("desk", List.of("source:Desert Wire"))), index.match(TUNNEL_STORY));
    }

    @Test
    void shouldForgetRemovedAndReplacedSubscriptions() {
        SubscriptionRegistry registry = new SubscriptionRegistry();
        registry.put(Subscription.newBuilder().setId("a").setQuery("tunnel").build());
        registry.put(Subscription.newBuilder().setId("a").setQuery("submarine").build());
        registry.put(Subscription.newBuilder().setId("b").setQuery("Nogales").build());
        registry.remove("b");
        assertEquals(List.of(), registry.index().match(TUNNEL_STORY));
        assertEquals(1, registry.index().size());
    }

    @Test
    void shouldVerifyOnlyWhatTheArticlesWordsAllowAndStillGetEveryOperatorRight() {
        SubscriptionIndex index = new SubscriptionIndex();
        index.put("all-three", QueryParser.parse("tunnel AND Nogales AND agents"));
        index.put("one-missing", QueryParser.parse("tunnel AND submarine"));
        index.put("near", QueryParser.parse("tunnel NEAR/3 border"));
        index.put("either", QueryParser.parse("(submarine AND torpedo) OR (drug AND tunnel)"));
        index.put("words-but-not-the-phrase", QueryParser.parse("\"tunnel drug\""));
        assertEquals(List.of("all-three", "either", "near"),
                index.match(TUNNEL_STORY).stream().map(SubscriptionIndex.Hit::subscriptionId).toList());
    }

    /** The index must find exactly what verifying every subscription finds: it only saves the work. */
    @Test
    void shouldFindExactlyWhatVerifyingEverySubscriptionFinds() {
        String[] vocabulary = {"drug", "tunnel", "border", "agents", "cartel", "port", "entry", "wall", "migrants", "river"};
        Random random = new Random(11);
        SubscriptionIndex index = new SubscriptionIndex();
        List<Query> queries = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String a = vocabulary[random.nextInt(vocabulary.length)];
            String b = vocabulary[random.nextInt(vocabulary.length)];
            String c = vocabulary[random.nextInt(vocabulary.length)];
            String query = switch (i % 12) {
                case 0 -> "\"" + a + " " + b + " " + c + "\"";
                case 1 -> "\"" + a + " " + b + "\" NEAR/2 " + c;
                case 2 -> a + " AND NOT \"" + b + " " + c + "\"";
                case 3 -> "\"" + a + " " + b + "\" OR " + c;
                case 4 -> a + " topic:cartels";
                case 5 -> a + " NEAR/1 " + b;
                case 6 -> "\"" + a + " " + b + "\" AND source:\"desert wire\"";
                case 7 -> a + " OR " + b;
                case 8 -> a + " AND NOT " + b;
                case 9 -> "(" + a + " OR " + b + ") AND NOT " + c + " topic:cartels";
                case 10 -> "(" + a + " AND NOT " + b + ") OR (" + b + " AND " + c + ")";
                default -> "\"" + a + " " + b + "\"";
            };
            Query parsed = QueryParser.parse(query);
            queries.add(parsed);
            index.put(String.format("q%03d", i), parsed);
        }
        for (int d = 0; d < 50; d++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 12; w++) {
                text.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
            }
            AlertDocument doc = AlertDocument.of(text.toString(), d % 2 == 0 ? Set.of("cartels") : Set.of(),
                    d % 3 == 0 ? "Desert Wire" : "", Set.of());
            List<SubscriptionIndex.Hit> expected = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                List<String> matched = new ArrayList<>();
                if (queries.get(i).matches(doc, matched)) {
                    expected.add(new SubscriptionIndex.Hit(String.format("q%03d", i), matched));
                }
            }
            assertEquals(expected, index.match(doc), text.toString());
        }
    }
}
