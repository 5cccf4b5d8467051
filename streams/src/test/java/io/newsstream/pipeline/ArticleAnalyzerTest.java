package io.newsstream.pipeline;

import static io.newsstream.pipeline.PipelineFixtures.MONDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.classify.KeywordClassifier;
import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.alert.SubscriptionRegistry;
import io.newsstream.alert.Subscriptions;
import io.newsstream.schema.AlertCandidate;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.Entity;
import io.newsstream.schema.EntityType;
import io.newsstream.schema.RawArticle;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleAnalyzerTest {

    private final ArticleAnalyzer analyzer = new ArticleAnalyzer(new KeywordClassifier(Taxonomy.builtIn()),
            Pipeline.signatures(NewsstreamConfig.defaultConfig()), Clock.fixed(MONDAY, ZoneOffset.UTC));

    private static final String SPANISH_CARTEL_RAID = "CULIACÁN, México — Infantes de marina desmantelaron un "
            + "laboratorio de fentanilo del cártel de Sinaloa y aseguraron precursores químicos, informó la Secretaría "
            + "de Marina.\n\nEl operativo siguió a meses de vigilancia de una red de tráfico que enviaba la droga al "
            + "norte, hacia la frontera con Estados Unidos, en camiones de verduras.";

    private static RawArticle withoutLanguage(RawArticle raw) {
        return RawArticle.newBuilder(raw).setLanguage(null).build();
    }

    @Test
    void shouldRecordALanguageTheTaxonomyDoesNotCoverAndLeaveTheArticleUnlabelled() {
        EnrichedArticle spanish = analyzer.enrich(withoutLanguage(
                PipelineFixtures.article("es-raid", "Desmantelan laboratorio del cártel", SPANISH_CARTEL_RAID)));

        assertEquals("es", spanish.getLanguage());
        assertFalse(spanish.getLanguageCovered());
        assertTrue(spanish.getTopics().isEmpty(), spanish.getTopics().toString());
        assertEquals("Culiacán, México", spanish.getDateline(), "everything else is still enriched");
    }

    @Test
    void shouldDetectTheLanguageOfAnArticleThatDoesNotGiveOne() {
        EnrichedArticle english = analyzer.enrich(withoutLanguage(PipelineFixtures.cartelLabRaid()));

        assertEquals("en", english.getLanguage());
        assertTrue(english.getLanguageCovered());
        assertEquals("cartels", english.getTopics().get(0).getLabel());
    }

    @Test
    void shouldTrustTheLanguageGivenAtIngestReducedToItsPrimaryTag() {
        RawArticle tagged = RawArticle.newBuilder(PipelineFixtures.cartelLabRaid()).setLanguage("en-US").build();

        assertEquals("en", analyzer.enrich(tagged).getLanguage());
        RawArticle named = RawArticle.newBuilder(PipelineFixtures.cartelLabRaid()).setLanguage("English").build();
        assertEquals("en", analyzer.enrich(named).getLanguage(), "not a language code: detected");
        assertTrue(analyzer.enrich(named).getLanguageCovered());
    }

    @Test
    void shouldPublishEntitiesDatelineCreditAndReadingTime() {
        EnrichedArticle raid = analyzer.enrich(PipelineFixtures.cartelLabRaid());

        assertEquals("Culiacán, Mexico", raid.getDateline());
        assertEquals("Meridian Wire", raid.getCredit());
        assertTrue(raid.getReadingTimeSeconds() > 0);
        Entity culiacan = raid.getEntities().stream().filter(e -> e.getName().equals("Culiacan")).findFirst().orElseThrow();
        assertEquals(EntityType.PLACE, culiacan.getType());
        assertEquals("CULIACÁN", raid.getBody().substring(culiacan.getMentions().get(0).getStart(),
                culiacan.getMentions().get(0).getEnd()), "offsets refer to the published body");
        Entity mexico = raid.getEntities().stream().filter(e -> e.getName().equals("Mexico")).findFirst().orElseThrow();
        assertEquals("MX", mexico.getCountryCode());
        assertEquals(mexico.getMentions().size(), mexico.getMentionCount());
    }

    @Test
    void shouldMatchEntityFiltersAgainstTheEntitiesItFound() {
        RawArticle talks = PipelineFixtures.article("talks", "Leaders meet",
                "Andrés Manuel López Obrador met officials in El Paso on Monday. López Obrador said the talks went well.");
        SubscriptionRegistry registry = new SubscriptionRegistry();
        registry.put(Subscriptions.of("amlo", "entity:AMLO", List.of(), MONDAY));
        registry.put(Subscriptions.of("el-paso", "entity:\"el paso\" AND talks", List.of(), MONDAY));
        registry.put(Subscriptions.of("sheinbaum", "entity:Sheinbaum", List.of(), MONDAY));

        List<String> matched = analyzer.analyze(talks, registry.index()).getAlerts().stream()
                .map(AlertCandidate::getSubscriptionId).toList();

        assertEquals(List.of("amlo", "el-paso"), matched);
    }

    @Test
    void shouldEnrichAnArticleWhoseDatelineHasNoOrdinaryLetters() {
        RawArticle odd = PipelineFixtures.article("odd", "Odd", "\uD83A\uDD00\uD83A\uDD01 — Agents in Mexico found a tunnel.");

        EnrichedArticle enriched = analyzer.enrich(odd);

        assertTrue(enriched.getEntities().stream().anyMatch(e -> e.getName().equals("Mexico")), enriched.getEntities().toString());
    }
}
