package io.newsstream.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.classify.KeywordClassifier;
import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.dedup.SyndicationRule;
import io.newsstream.ingest.ArticleParser;
import io.newsstream.pipeline.ArticleAnalyzer;
import io.newsstream.pipeline.Pipeline;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The project's crafted syndication cases ({@code corpus/crafted}: long originals, truncated copies, an outlet's
 * intro, updated versions, an independent report, a write-up quoting its press release) decided by one story stage
 * as the pipeline would.
 */
class CraftedCorpusTest {

    private static final Path CRAFTED = Path.of("../corpus/crafted");
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    private static Corpus corpus;
    private static Map<String, String> storyOf;
    private static Evaluation.Score score;

    @BeforeAll
    static void replay() {
        NewsstreamConfig config = NewsstreamConfig.defaultConfig();
        corpus = Corpus.load(CRAFTED);
        List<Corpus.Entry> entries = corpus.parse(new ArticleParser(config.maxArticleBytes(), config.maxTitleChars()), T0);
        ArticleAnalyzer analyzer = new ArticleAnalyzer(new KeywordClassifier(Taxonomy.builtIn()), Pipeline.signatures(config),
                Clock.systemUTC());
        List<String> clusters = new StoryReplay(config, SyndicationRule.DEFAULT)
                .clusters(entries.stream().map(e -> analyzer.analyze(e.article())).toList(), T0);
        storyOf = new HashMap<>();
        List<Prediction> predictions = new java.util.ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            storyOf.put(entries.get(i).label().file(), clusters.get(i));
            predictions.add(new Prediction(entries.get(i).label().file(), Set.of(), clusters.get(i)));
        }
        score = Evaluation.of(corpus.labels(), predictions, List.of()).dedup();
    }

    @Test
    void shouldPutTruncatedCopiesAndAnOutletsIntroInTheOriginalsStory() {
        assertEquals(storyOf.get("a0.txt"), storyOf.get("a1.txt"), "first three paragraphs of a long original");
        assertEquals(storyOf.get("a0.txt"), storyOf.get("a2.txt"), "an outlet's own intro before the wire text");
        assertEquals(storyOf.get("c0.txt"), storyOf.get("c1.txt"), "first two paragraphs of a long original");
        assertEquals(storyOf.get("b0.txt"), storyOf.get("b1.txt"), "a press release cut after its quote");
    }

    @Test
    void shouldPutUpdatedVersionsThatKeepTheStorysFactsInItsStory() {
        assertEquals(storyOf.get("a0.txt"), storyOf.get("a3.txt"));
        assertEquals(storyOf.get("a0.txt"), storyOf.get("a4.txt"), "a quarter of the text kept, most facts agreeing");
    }

    @Test
    void shouldKeepAnIndependentReportAndAWriteUpQuotingItsSourceApart() {
        assertNotEquals(storyOf.get("a0.txt"), storyOf.get("a5.txt"), "the same facts in other words");
        assertNotEquals(storyOf.get("b0.txt"), storyOf.get("b2.txt"), "a write-up quoting the release it reports on");
    }

    @Test
    void shouldKeepFullPrecisionAndRecallAboveTheFloor() {
        assertEquals(0, score.falsePositives(), score.toString());
        assertTrue(score.recall() >= 0.85, "recall " + score.recall() + " " + score);
    }
}
