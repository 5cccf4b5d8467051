package io.newsstream.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        SubscriptionIndex index = new SubscriptionIndex();
        index.put("a", QueryParser.parse("tunnel"));
        index.put("a", QueryParser.parse("submarine"));
        index.put("b", QueryParser.parse("Nogales"));
        index.remove("b");
        assertEquals(List.of(), index.match(TUNNEL_STORY));
        assertEquals(1, index.size());
    }
}
