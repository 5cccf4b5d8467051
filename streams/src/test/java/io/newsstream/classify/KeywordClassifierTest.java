package io.newsstream.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.normalize.NormalizedArticle;
import io.newsstream.normalize.TextNormalizer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KeywordClassifierTest {

    private final KeywordClassifier classifier = new KeywordClassifier(Taxonomy.builtIn());
    private final TextNormalizer normalizer = new TextNormalizer();

    private static final String BORDER_ARREST_REPORT = "Border Patrol agents apprehended 40 migrants who crossed the border "
            + "illegally near the Nogales port of entry on Monday, officials said.";
    private static final String CARTEL_LAB_RAID = "Marines dismantled a fentanyl laboratory run by the Sinaloa cartel, "
            + "seizing precursor chemicals used by the trafficking network.";
    private static final String SUMMIT_COMMUNIQUE = "The foreign ministers of both countries signed a bilateral treaty "
            + "at the summit and issued a joint statement on sanctions.";
    private static final String OIL_PRODUCERS_CARTEL = "Oil prices rose after the OPEC cartel agreed to extend output cuts; "
            + "analysts said the oil cartel was defending prices.";
    private static final String BASEBALL_RIVALRY = "The Eagles won the Border Classic against their rivals from across the "
            + "state line, in the series played on the border between the two counties.";
    private static final String MARKET_FLOWS = "Foreign investors sold shares as the foreign exchange market swung.";

    private Set<String> labels(String headline, String body) {
        return classifier.classify(normalizer.normalize(headline, body)).stream()
                .filter(LabelScore::assigned).map(LabelScore::label).collect(Collectors.toSet());
    }

    @Test
    void shouldAssignEachTopicFromItsVocabulary() {
        assertEquals(Set.of("border-security"), labels("Arrests at the border", BORDER_ARREST_REPORT));
        assertEquals(Set.of("cartels"), labels("Lab raid", CARTEL_LAB_RAID));
        assertEquals(Set.of("foreign-policy"), labels("Ministers meet", SUMMIT_COMMUNIQUE));
    }

    @Test
    void shouldAssignSeveralTopicsToOneArticle() {
        assertEquals(Set.of("border-security", "cartels"),
                labels("Tunnel found", BORDER_ARREST_REPORT + " " + CARTEL_LAB_RAID));
    }

    @Test
    void shouldIgnoreTriggerWordsUsedInAnotherSense() {
        assertEquals(Set.of(), labels("Oil climbs", OIL_PRODUCERS_CARTEL));
        assertEquals(Set.of(), labels("Eagles win", BASEBALL_RIVALRY));
        assertEquals(Set.of(), labels("Markets", MARKET_FLOWS));
    }

    @Test
    void shouldIgnoreTermsNearAContextThatGivesThemAnotherSense() {
        assertEquals(Set.of(), labels("Oil slips", "Traders had expected the cartel to trim output to support prices, "
                + "but crude fell as the cartel kept production unchanged."));
        assertEquals(Set.of(), labels("Club docked points", "The league imposed sanctions on the club after fans invaded "
                + "the pitch; the sanctions reflect the danger to supporters."));
    }

    @Test
    void shouldInferForeignPolicyFromTwoGovernmentsAgreeing() {
        assertEquals(Set.of("foreign-policy"), labels("Channel plan extended",
                "Britain and France agreed on Tuesday to extend a pilot scheme and to share the cost of coastal policing."));
        assertEquals(Set.of(), labels("Exports", "Sales grew in France last year, the company said."));
    }

    @Test
    void shouldAbstainOnUnrelatedNews() {
        assertEquals(Set.of(), labels("Storm", "Snow closed two highways and delayed flights at the airport."));
    }

    @Test
    void shouldScoreInUnitIntervalAndShowEvidenceWithOffsets() {
        NormalizedArticle article = normalizer.normalize("Lab raid", CARTEL_LAB_RAID);
        LabelScore cartels = classifier.classify(article).stream().filter(s -> s.label().equals("cartels")).findFirst().orElseThrow();
        assertTrue(cartels.score() > 0.6 && cartels.score() <= 1.0, "score " + cartels.score());
        assertFalse(cartels.evidence().isEmpty());
        for (LabelScore.TermMatch m : cartels.evidence()) {
            assertEquals(m.text(), article.fullText().substring(m.start(), m.end()));
        }
        assertTrue(cartels.evidence().stream().anyMatch(m -> m.text().equals("cartel")));
    }

    @Test
    void shouldGiveCopiesThatDifferOnlyInEncodingTheSameLabels() {
        String encoded = "&#8220;" + CARTEL_LAB_RAID.replace("Sinaloa", "Sinal&oacute;a") + "&#8221;";
        assertEquals(labels("Lab raid", CARTEL_LAB_RAID), labels("Lab raid", encoded + "\n\nCopyright 2026 Wire."));
    }

    @Test
    void shouldClassifyIntoALabelAddedByConfigurationAlone() {
        String json = """
                {"name": "elections test", "version": "t1", "labels": [
                  {"label": "elections", "description": "Votes", "threshold": 0.5, "scale": 2.0,
                   "terms": {"ballot*": 2.0, "polling station*": 2.0, "election": 1.5},
                   "vetoes": ["ballot box office"]}]}
                """;
        Taxonomy taxonomy = Taxonomy.parse(json.getBytes(StandardCharsets.UTF_8), "test");
        KeywordClassifier custom = new KeywordClassifier(taxonomy);
        List<LabelScore> scores = custom.classify(normalizer.normalize("Voters queue", "Ballots were counted at every polling station."));
        assertEquals("elections", scores.get(0).label());
        assertTrue(scores.get(0).assigned());
        assertTrue(custom.version().contains("t1+"));
    }

    @Test
    void shouldRefuseInvalidTaxonomiesWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Taxonomy.parse(
                "{\"labels\": [{\"label\": \"Bad Label\", \"threshold\": 0.5, \"scale\": 1, \"terms\": {\"x\": 1}}]}"
                        .getBytes(StandardCharsets.UTF_8), "test"));
        assertTrue(e.getMessage().contains("lower-case words joined by hyphens"), e.getMessage());
    }
}
