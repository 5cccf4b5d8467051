package io.newsstream.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.normalize.CanonicalTokens;
import io.newsstream.normalize.NormalizedArticle;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnricherTest {

    private final Enricher enricher = new Enricher();

    private Enrichment enrich(String title, String body, NormalizedArticle.Dateline dateline) {
        return enricher.enrich(body, dateline, CanonicalTokens.of(title), CanonicalTokens.of(body));
    }

    @Test
    void shouldGiveTheReadingTimeAt238WordsAMinuteRoundedUp() {
        String fourHundredSeventySixWords = String.join(" ", Collections.nCopies(476, "word"));

        assertEquals(120, enrich("T", fourHundredSeventySixWords, null).readingTimeSeconds());
        assertEquals(1, enrich("T", "one", null).readingTimeSeconds());
        assertEquals(0, enrich("T", "", null).readingTimeSeconds());
    }

    @Test
    void shouldWriteTheDatelinePlaceWithSentenceCapitals() {
        String body = "SAN JOSE, Calif. — Halcyon Micro Devices raised its outlook.";
        Enrichment e = enrich("T", body, new NormalizedArticle.Dateline("SAN JOSE, Calif.", 8));

        assertEquals("San Jose, Calif.", e.dateline());
        assertEquals(List.of(new NamedEntity.Mention(0, 8)),
                e.entities().stream().filter(n -> n.name().equals("San Jose")).findFirst().orElseThrow().mentions());
        assertNull(enrich("T", body, null).dateline());
    }

    @Test
    void shouldSpellTheDatelinePlaceAsTheGazetteerDoesElseWithSentenceCapitals() {
        EntityExtractor extractor = new EntityExtractor();

        assertEquals("Washington, D.C.", extractor.placeName("WASHINGTON, D.C.", 10));
        assertEquals("Culiacán, Mexico", extractor.placeName("CULIACÁN, Mexico", 8), "accents as written");
        assertEquals("Port-au-Prince, Haiti", extractor.placeName("PORT-AU-PRINCE, Haiti", 14));
        assertEquals("McAllen, Texas", extractor.placeName("MCALLEN, Texas", 7));
        assertEquals("Villa O'Neill-Ruiz", extractor.placeName("VILLA O'NEILL-RUIZ", 18), "unknown: capitals after - and '");
    }

    @Test
    void shouldPublishNoDatelineForAnOpeningThatNamesNoPlace() {
        for (String opening : List.of("BREAKING — Agents found a tunnel.", "NATO — Allies met.", "UPDATE — More soon.")) {
            int end = opening.indexOf(' ');
            Enrichment e = enrich("T", opening, new NormalizedArticle.Dateline(opening.substring(0, end), end));
            assertNull(e.dateline(), opening);
            assertTrue(e.entities().stream().noneMatch(n -> n.type() == EntityType.PLACE), opening + ": " + e.entities());
        }
    }

    @Test
    void shouldNameTheEntitiesOfTheBody() {
        Enrichment e = enrich("Talks", "Mexico and Canada met in Ottawa, where Justin Trudeau spoke.", null);

        assertTrue(e.entities().stream().map(NamedEntity::name).toList()
                .containsAll(List.of("Mexico", "Canada", "Ottawa", "Justin Trudeau")), e.entities().toString());
    }

    @Test
    void shouldRankKeywordsByRepetitionWithHeadlineWordsCountingDouble() {
        Enrichment e = enrich("Tunnel found", "Agents found a tunnel. The tunnel ran under the border fence.", null);

        assertEquals("tunnel", e.keywords().get(0));
        assertEquals(11, e.wordCount());
    }
}
