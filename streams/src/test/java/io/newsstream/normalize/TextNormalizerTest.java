package io.newsstream.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    private final TextNormalizer normalizer = new TextNormalizer();

    @Test
    void shouldDecodeEntitiesAndStraightenQuotes() {
        NormalizedArticle a = normalizer.normalize("Officials&#8217; &ldquo;plan&rdquo; &amp; more",
                "He said &#8220;no&#8221; &mdash; twice.\u00A0Caf&eacute;.");
        assertEquals("Officials' \"plan\" & more", a.title());
        assertEquals("He said \"no\" — twice. Café.", a.body());
    }

    @Test
    void shouldDecodeDoubleEncodedEntities() {
        assertEquals("Street's", normalizer.normalize("Street&amp;#8217;s", "b").title());
    }

    @Test
    void shouldStripHtmlTagsKeepingParagraphs() {
        NormalizedArticle a = normalizer.normalize("<b>Bold</b> title", "<p>One <em>two</em>.</p><p>Three.</p>");
        assertEquals("Bold title", a.title());
        assertEquals(List.of("One two.", "Three."), a.paragraphs());
    }

    @Test
    void shouldDropBylinesCopyrightNewsletterAndRelatedLinks() {
        String body = String.join("\n\n",
                "By Staff and Wire Reports",
                "WASHINGTON (Meridian Wire) — The story begins here.",
                "It continues with facts.",
                "Sign up for our morning newsletter to get the day's top stories.",
                "Related: Another story you may like",
                "Copyright 2026 Meridian Wire. All rights reserved.");
        NormalizedArticle a = normalizer.normalize("T", body);
        assertEquals(List.of("WASHINGTON — The story begins here.", "It continues with facts."), a.paragraphs());
    }

    @Test
    void shouldKeepLongParagraphsThatMentionBoilerplateWords() {
        String story = "The ministry said it would subscribe to the treaty's monitoring regime, a step that copyright "
                + "lawyers and trade officials in both capitals had urged for years, according to three people briefed "
                + "on the talks who spoke on condition of anonymity.";
        assertEquals(List.of(story), normalizer.normalize("T", story).paragraphs());
    }

    @Test
    void shouldRemoveWholeDatelineOnlyWhenAsked() {
        assertEquals("Halcyon said on Tuesday.", TextNormalizer.withoutDateline("SAN JOSE, Calif. — Halcyon said on Tuesday."));
        assertEquals("The talks ended - for now.", TextNormalizer.withoutDateline("The talks ended - for now."));
        assertEquals("Marines raided a lab.", TextNormalizer.withoutDateline("CULIACÁN, Mexico (Meridian Wire) — Marines raided a lab."));
    }

    @Test
    void shouldKeepTheDatelinePlaceAndTheCreditItDrops() {
        NormalizedArticle a = normalizer.normalize("T", "EL PASO, Texas (Meridian Wire) — Agents found a tunnel.");

        assertEquals(new NormalizedArticle.Dateline("EL PASO, Texas", 7), a.dateline());
        assertEquals("Meridian Wire", a.credit());
        assertEquals("EL PASO, Texas — Agents found a tunnel.", a.body());
    }

    @Test
    void shouldTakeTheCreditFromADroppedBylineWhenTheDatelineHasNone() {
        NormalizedArticle a = normalizer.normalize("T", "By Ana Ruiz, Associated Press\n\nBRUSSELS — Ministers met.");

        assertEquals("Associated Press", a.credit());
        assertEquals(new NormalizedArticle.Dateline("BRUSSELS", 8), a.dateline());
        assertEquals("BRUSSELS — Ministers met.", a.body());
    }

    @Test
    void shouldNameAnAgencyByItsFullNameAndNotTakeACreditFromALinkList() {
        assertEquals("Associated Press", normalizer.normalize("T", "MIAMI (AP) — A storm hit.").credit());
        assertNull(normalizer.normalize("T", "MIAMI () — A storm hit.").credit());
        assertNull(normalizer.normalize("T", "A storm hit the coast.\n\nTags: Reuters, storms, Florida").credit());
        assertEquals("Reuters", normalizer.normalize("T", "A storm hit.\n\nReuters contributed to this report.").credit());
    }

    @Test
    void shouldFindNoDatelineOrCreditInAnOrdinaryOpening() {
        NormalizedArticle a = normalizer.normalize("T", "The talks ended - for now, officials said.");

        assertNull(a.dateline());
        assertNull(a.credit());
    }

    @Test
    void shouldMeasureTheDatelineAsDedupSkipsIt() {
        for (String body : List.of("EL PASO, Texas (Meridian Wire) — Agents found a tunnel.", "SAN JOSE, Calif. -- Halcyon said.",
                "BRUSSELS – Ministers met.", "The talks ended - for now.", "CULIACÁN, Mexico () — Marines raided a lab.")) {
            NormalizedArticle a = normalizer.normalize("T", body);
            String first = a.paragraphs().get(0);
            assertEquals(first.length() - TextNormalizer.withoutDateline(first).length(), a.datelineLength(), body);
        }
    }

    @Test
    void shouldRecogniseBylines() {
        assertTrue(TextNormalizer.isBoilerplate("By Maria Gonzalez and John O'Neil"));
        assertFalse(TextNormalizer.isBoilerplate("By Tuesday, the agency had recorded more than 18,000 crossings along the river."));
    }
}
