package io.newsstream.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static final List<String> LABELS = List.of("cartels", "foreign-policy");

    private final LabelledArticle wireBase = new LabelledArticle("base.json", Set.of("cartels"), "s1", "base");
    private final LabelledArticle wireCopy = new LabelledArticle("copy.txt", Set.of("cartels"), "s1", "copy");
    private final LabelledArticle independentReport = new LabelledArticle("other.json", Set.of("cartels"), "s1", "independent");
    private final LabelledArticle earningsStory = new LabelledArticle("earnings.json", Set.of(), "s2", "base");
    private final List<LabelledArticle> truth = List.of(wireBase, wireCopy, independentReport, earningsStory);

    @Test
    void shouldScoreAPerfectRunAsPerfect() {
        Evaluation e = Evaluation.of(truth, List.of(
                new Prediction("base.json", Set.of("cartels"), "c1"),
                new Prediction("copy.txt", Set.of("cartels"), "c1"),
                new Prediction("other.json", Set.of("cartels"), "c2"),
                new Prediction("earnings.json", Set.of(), "c3")), LABELS);
        assertEquals(1.0, e.labels().get("cartels").f1());
        assertEquals(1.0, e.noTopicUnlabelledShare());
        assertEquals(new Evaluation.Score(1, 0, 0), e.dedup());
    }

    @Test
    void shouldCountAMergedIndependentReportAsAFalseMergeAndAWrongLabelAgainstPrecision() {
        Evaluation e = Evaluation.of(truth, List.of(
                new Prediction("base.json", Set.of("cartels"), "c1"),
                new Prediction("copy.txt", Set.of("cartels"), "c1"),
                new Prediction("other.json", Set.of("cartels"), "c1"),
                new Prediction("earnings.json", Set.of("cartels"), "c3")), LABELS);
        assertEquals(new Evaluation.Score(3, 1, 0), e.labels().get("cartels"));
        assertEquals(0.0, e.noTopicUnlabelledShare());
        assertEquals(new Evaluation.Score(1, 2, 0), e.dedup());
        assertEquals(2, e.falseMerges().size());
        assertEquals(java.util.Map.of("none", 1), e.confusions().get("cartels").falsePositivesByTruth());
        assertTrue(e.report().contains("cartels: false positives by true labels {none=1}"), e.report());
    }

    @Test
    void shouldCountMissingOutputsAsMisses() {
        Evaluation e = Evaluation.of(truth, List.of(new Prediction("base.json", Set.of("cartels"), "c1")), LABELS);
        assertEquals(3, e.missing());
        assertEquals(new Evaluation.Score(1, 0, 2), e.labels().get("cartels"));
        assertEquals(new Evaluation.Score(0, 0, 0), e.dedup());
    }
}
