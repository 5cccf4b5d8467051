package io.newsstream.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryTest {

    private static final AlertDocument TUNNEL_STORY = AlertDocument.of(
            "Agents found a drug tunnel under the border near Nogales. Police said the Sinaloa cartel used it; "
                    + "officials in Culiacán confirmed the arrests.",
            Set.of("border-security", "cartels"), "Desert Wire", Set.of("Sinaloa Cartel"));

    private static boolean matches(String query) {
        return QueryParser.parse(query).matches(TUNNEL_STORY, new ArrayList<>());
    }

    @Test
    void shouldMatchWordsWholeAndIgnoreCaseAndAccents() {
        assertTrue(matches("TUNNEL"));
        assertTrue(matches("culiacan"));
        assertFalse(matches("ICE"), "no ICE inside police");
        assertFalse(matches("tunnels"));
    }

    @Test
    void shouldMatchExactPhrasesOnly() {
        assertTrue(matches("\"drug tunnel\""));
        assertFalse(matches("\"tunnel drug\""));
    }

    @Test
    void shouldCombineWithAndOrNotAndParentheses() {
        assertTrue(matches("tunnel AND cartel"));
        assertTrue(matches("tunnel cartel"), "adjacent terms are ANDed");
        assertTrue(matches("submarine OR tunnel"));
        assertFalse(matches("tunnel AND NOT cartel"));
        assertTrue(matches("(submarine OR tunnel) AND NOT (fentanyl OR heroin)"));
        assertFalse(matches("submarine OR tunnel AND heroin"), "AND binds tighter than OR");
    }

    @Test
    void shouldMeasureNearInWordsInEitherOrder() {
        assertTrue(matches("tunnel NEAR/3 border"));
        assertFalse(matches("tunnel NEAR/1 border"));
        assertTrue(matches("Nogales NEAR/4 \"drug tunnel\""));
    }

    @Test
    void shouldFilterByTopicSourceAndEntity() {
        assertTrue(matches("topic:cartels tunnel"));
        assertFalse(matches("topic:foreign-policy tunnel"));
        assertTrue(matches("source:\"desert wire\""));
        assertTrue(matches("entity:\"Sinaloa cartel\" AND arrests"));
    }

    @Test
    void shouldReportWhatMatched() {
        List<String> matched = new ArrayList<>();
        assertTrue(QueryParser.parse("\"drug tunnel\" AND (cartel OR submarine)").matches(TUNNEL_STORY, matched));
        assertEquals(List.of("drug tunnel", "cartel"), matched);
    }

    @Test
    void shouldRefuseInvalidQueriesWithPositionAndReason() {
        assertError("", 0, "the query is empty");
        assertError("tunnel AND", 10, "the query ends where a term was expected");
        assertError("(tunnel OR cartel", 0, "'(' is never closed");
        assertError("tunnel)", 6, "')' without a matching '('");
        assertError("\"drug tunnel", 0, "the quote opened here is never closed");
        assertError("weather:rain", 0, "unknown field 'weather' (fields: topic, source, entity)");
        assertError("tunnel NEAR/x border", 7, "NEAR needs a distance in words, e.g. NEAR/5");
        assertError("topic:cartels NEAR/3 tunnel", 14, "NEAR joins two words or \"phrases\"");
        assertError("NOT tunnel", 0, "the query has nothing to look for (only NOT terms)");
        assertError("cartel OR sanction*", 18, "wildcards are not supported: list the forms (sanction OR sanctions)");
        assertError("\"drug tun*\"", 9, "wildcards are not supported: list the forms (sanction OR sanctions)");
    }

    private static void assertError(String query, int position, String reason) {
        QuerySyntaxException e = assertThrows(QuerySyntaxException.class, () -> QueryParser.parse(query));
        assertEquals(reason, e.reason(), query);
        assertEquals(position, e.position(), query);
    }
}
