package io.newsstream.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newsstream.schema.Subscription;
import java.util.List;
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
}
