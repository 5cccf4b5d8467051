package io.newsstream.classify;

import io.newsstream.normalize.CanonicalTokens;
import io.newsstream.normalize.NormalizedArticle;
import io.newsstream.normalize.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores every taxonomy label from weighted terms found in the article, ignoring occurrences inside a
 * veto phrase. A term counts with diminishing returns (repetition is weak evidence), headline matches
 * count extra, and the summed weight maps to a score in [0,1] with {@code 1 - exp(-weight / scale)}.
 * Pure and thread-safe once built.
 */
public final class KeywordClassifier {

    /** Headlines state what a story is about: their terms weigh more than the body's. */
    private static final double TITLE_BOOST = 1.5;
    private static final int MAX_EVIDENCE = 8;

    private record Term(String label, String phrase, double weight) {
    }

    private final Taxonomy taxonomy;
    private final PhraseIndex<Term> terms = new PhraseIndex<>();
    private final PhraseIndex<String> vetoes = new PhraseIndex<>();

    public KeywordClassifier(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        for (LabelRule rule : taxonomy.labels()) {
            rule.terms().forEach((phrase, weight) -> terms.add(phrase, new Term(rule.label(), phrase, weight)));
            rule.vetoes().forEach(v -> vetoes.add(v, rule.label()));
        }
    }

    /** The version of classifier and taxonomy, recorded on every enriched event. */
    public String version() {
        return "keywords-1/" + taxonomy.fingerprint();
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /** Scores every label of the taxonomy, in taxonomy order. */
    public List<LabelScore> classify(NormalizedArticle article) {
        String text = article.fullText();
        List<Token> tokens = CanonicalTokens.withOffsets(text);
        int titleEnd = article.title().length();
        boolean[][] vetoed = vetoMask(tokens);

        Map<String, Map<String, List<LabelScore.TermMatch>>> byLabel = new LinkedHashMap<>();
        for (PhraseIndex.Hit<Term> hit : terms.find(tokens)) {
            Term term = hit.value();
            if (isVetoed(vetoed, term.label(), hit)) {
                continue;
            }
            int start = tokens.get(hit.firstToken()).start();
            int end = tokens.get(hit.lastToken()).end();
            double weight = start < titleEnd ? term.weight() * TITLE_BOOST : term.weight();
            byLabel.computeIfAbsent(term.label(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(term.phrase(), k -> new ArrayList<>())
                    .add(new LabelScore.TermMatch(text.substring(start, end), start, end, weight));
        }
        List<LabelScore> scores = new ArrayList<>();
        for (LabelRule rule : taxonomy.labels()) {
            scores.add(score(rule, byLabel.getOrDefault(rule.label(), Map.of())));
        }
        return scores;
    }

    private LabelScore score(LabelRule rule, Map<String, List<LabelScore.TermMatch>> matchesByTerm) {
        double total = 0;
        List<LabelScore.TermMatch> evidence = new ArrayList<>();
        for (List<LabelScore.TermMatch> matches : matchesByTerm.values()) {
            LabelScore.TermMatch strongest = matches.stream().max(Comparator.comparingDouble(LabelScore.TermMatch::weight)).orElseThrow();
            // The first occurrence counts fully, repeats add less and less: sqrt(n) growth.
            total += strongest.weight() * Math.sqrt(matches.size());
            evidence.add(strongest);
        }
        double score = 1 - Math.exp(-total / rule.scale());
        evidence.sort(Comparator.comparingDouble(LabelScore.TermMatch::weight).reversed());
        List<LabelScore.TermMatch> shown = evidence.size() > MAX_EVIDENCE ? evidence.subList(0, MAX_EVIDENCE) : evidence;
        return new LabelScore(rule.label(), round(score), score >= rule.threshold(), List.copyOf(shown));
    }

    /** For each label (by taxonomy position), which tokens sit inside one of its veto phrases. */
    private boolean[][] vetoMask(List<Token> tokens) {
        List<String> labels = taxonomy.labelNames();
        boolean[][] mask = new boolean[labels.size()][];
        for (PhraseIndex.Hit<String> hit : vetoes.find(tokens)) {
            int l = labels.indexOf(hit.value());
            if (mask[l] == null) {
                mask[l] = new boolean[tokens.size()];
            }
            for (int i = hit.firstToken(); i <= hit.lastToken(); i++) {
                mask[l][i] = true;
            }
        }
        return mask;
    }

    private boolean isVetoed(boolean[][] mask, String label, PhraseIndex.Hit<Term> hit) {
        boolean[] m = mask[taxonomy.labelNames().indexOf(label)];
        if (m == null) {
            return false;
        }
        for (int i = hit.firstToken(); i <= hit.lastToken(); i++) {
            if (m[i]) {
                return true;
            }
        }
        return false;
    }

    private static double round(double score) {
        return Math.round(score * 1000) / 1000.0;
    }
}
