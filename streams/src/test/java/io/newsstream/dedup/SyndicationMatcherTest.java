package io.newsstream.dedup;

import static io.newsstream.dedup.SyndicationFixtures.MINISTRY_STATEMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.normalize.NormalizedArticle;
import io.newsstream.normalize.TextNormalizer;
import io.newsstream.schema.MatchMethod;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The near-duplicate rule on crafted syndication edits and traps (signature → similarity → rule). */
class SyndicationMatcherTest {

    private final SignatureBuilder signatures = new SignatureBuilder(4, 16, 48, 256);
    private final TextNormalizer normalizer = new TextNormalizer();

    private SignatureBuilder.Result describe(String body) {
        NormalizedArticle a = normalizer.normalize("", body);
        return signatures.describe(TextNormalizer.withoutDateline(a.body()));
    }

    private Similarity similarity(String a, String b) {
        return Similarity.between(describe(a).signature(), describe(b).signature());
    }

    private boolean syndicated(String a, String b) {
        return SyndicationRule.DEFAULT.matches(similarity(a, b));
    }

    private boolean shareAnAnchor(String a, String b) {
        Set<Long> anchors = new HashSet<>(describe(a).anchors());
        return describe(b).anchors().stream().anyMatch(anchors::contains);
    }

    @Test
    void shouldMatchCopiesThatChangeOnlyEncodingCreditsAndBoilerplate() {
        String copy = "By Staff and Wire Reports\n\n" + SyndicationFixtures.wireStory()
                .replace("(Coastline Wire) ", "").replace("\"", "&#8220;").replace("5-2", "5&ndash;2")
                + "\n\nCopyright 2026 Coastline Wire. All rights reserved.";
        Similarity s = similarity(SyndicationFixtures.wireStory(), copy);
        assertTrue(SyndicationRule.DEFAULT.matches(s), s.toString());
        assertTrue(s.containment() > 0.9, s.toString());
    }

    @Test
    void shouldMatchAnAbridgedCopyByContainment() {
        Similarity s = similarity(SyndicationFixtures.wireStory(), SyndicationFixtures.abridged());
        assertTrue(SyndicationRule.DEFAULT.matches(s), s.toString());
        assertEquals(MatchMethod.CONTAINMENT, SyndicationRule.method(false, s));
    }

    @Test
    void shouldMatchCopiesWithALocalTopParagraphSwappedParagraphsAndHouseStyle() {
        assertTrue(syndicated(SyndicationFixtures.wireStory(), SyndicationFixtures.localTopAndTrimmed()));
        assertTrue(syndicated(SyndicationFixtures.wireStory(), SyndicationFixtures.restyled()));
    }

    @Test
    void shouldMatchARegionalRewriteThatKeepsQuotesAndKeySentences() {
        Similarity s = similarity(SyndicationFixtures.wireStory(), SyndicationFixtures.regionalRewrite());
        assertTrue(SyndicationRule.DEFAULT.matches(s), s.toString());
    }

    @Test
    void shouldGiveEveryCopyAnAnchorInCommonWithItsOriginal() {
        String wire = SyndicationFixtures.wireStory();
        assertTrue(shareAnAnchor(wire, SyndicationFixtures.abridged()));
        assertTrue(shareAnAnchor(wire, SyndicationFixtures.localTopAndTrimmed()));
        assertTrue(shareAnAnchor(wire, SyndicationFixtures.restyled()));
        assertTrue(shareAnAnchor(wire, SyndicationFixtures.regionalRewrite()));
    }

    @Test
    void shouldTrustALowerContainmentOnlyWhenTheFactsAgreeAndSentencesAreShared() {
        SyndicationRule rule = SyndicationRule.DEFAULT;
        // An updated version: a quarter of the text kept verbatim, its facts nearly all the original's.
        assertTrue(rule.matches(new Similarity(0.27, 0.87, 80, 0.7, 0.3)));
        assertFalse(rule.matches(new Similarity(0.27, 0.80, 80, 0.7, 0.3)), "facts no longer agree enough");
        assertFalse(rule.matches(new Similarity(0.27, 0.87, 35, 0.7, 0.3)), "a sentence or two is not a version");
        assertFalse(rule.matches(new Similarity(0.20, 0.95, 80, 0.7, 0.3)), "an independent report's wording");
        assertFalse(rule.matches(new Similarity(0.27, 0.87, 80, 0.7, 0.1)), "shared only inside quotes");
        assertEquals(0.25, rule.lowestContainment());
    }

    @Test
    void shouldKeepAnIndependentReportOfTheSameEventApart() {
        Similarity s = similarity(SyndicationFixtures.wireStory(), SyndicationFixtures.independentReport());
        assertFalse(SyndicationRule.DEFAULT.matches(s), s.toString());
        assertTrue(s.factOverlap() > 0.5, "it shares the facts: " + s);
    }

    @Test
    void shouldKeepTemplateStoriesWithOtherFactsApart() {
        String first = SyndicationFixtures.earningsStory("Halvard Mills Inc.", "DULUTH, Minn.", "$12.4 million", "$210 million", "$1.05");
        String second = SyndicationFixtures.earningsStory("Brightwater Foods Corp.", "OMAHA, Neb.", "$3.1 million", "$88 million", "41 cents");
        Similarity s = similarity(first, second);
        assertFalse(SyndicationRule.DEFAULT.matches(s), s.toString());
    }

    @Test
    void shouldKeepStoriesThatQuoteTheSameStatementApart() {
        String ports = SyndicationFixtures.storyQuoting(
                "Travellers at three land crossings faced waits of up to four hours on Friday after new inspections began.",
                MINISTRY_STATEMENT, "Truck drivers said the delays would cost exporters dearly before the holiday season.");
        String airports = SyndicationFixtures.storyQuoting(
                "Two regional airports suspended evening flights on Friday while officials reviewed staffing at security lanes.",
                MINISTRY_STATEMENT, "Airlines said they would rebook affected passengers free of charge through the weekend.");
        Similarity s = similarity(ports, airports);
        assertFalse(SyndicationRule.DEFAULT.matches(s), s.toString());
    }

    @Test
    void shouldNotCollapseShortBriefsOnASharedPhrase() {
        String first = "Police closed Route 9 near the county fairgrounds on Sunday after a truck overturned.";
        String second = "Police closed Route 9 near the county fairgrounds on Monday for a charity bicycle race.";
        assertFalse(syndicated(first, second));
    }

    @Test
    void shouldDescribeAnExactCopyAsExact() {
        Similarity s = similarity(SyndicationFixtures.wireStory(), SyndicationFixtures.wireStory());
        assertEquals(1.0, s.containment());
        assertEquals(MatchMethod.EXACT, SyndicationRule.method(true, s));
    }

    @Test
    void shouldEstimateContainmentForLongArticlesFromTheirSketch() {
        SignatureBuilder small = new SignatureBuilder(4, 16, 48, 32);
        String wire = SyndicationFixtures.wireStory();
        String longer = wire + "\n\n" + SyndicationFixtures.independentReport();
        Similarity s = Similarity.between(small.describe(wire).signature(), small.describe(longer).signature());
        assertTrue(s.containment() > 0.6, "estimated " + s);
    }
}
