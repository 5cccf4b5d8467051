package io.newsstream.classify;

import io.newsstream.normalize.CanonicalTokens;
import io.newsstream.normalize.NormalizedArticle;
import io.newsstream.normalize.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores every taxonomy label from the evidence found in an article:
 * <ul>
 *   <li>weighted terms, counted with diminishing returns (√n for n occurrences; repetition is weak evidence),
 *       headline matches weighing 1.5×;</li>
 *   <li>minus term occurrences inside a veto phrase ("OPEC cartel") or near a veto context ("cartel" near
 *       "crude");</li>
 *   <li>plus co-occurrence rules (two countries and "agreed").</li>
 * </ul>
 * The summed evidence maps to a score in [0,1] with {@code 1 - exp(-evidence / scale)}; a label is assigned
 * at or above its threshold. Pure and thread-safe once built.
 */
public final class KeywordClassifier implements TopicClassifier {

    private static final double TITLE_BOOST = 1.5;
    private static final int MAX_EVIDENCE = 8;

    private record Term(String label, String phrase, double weight) {
    }

    /** A compiled label: its rule plus matchers for its context vetoes and combinations. */
    private record CompiledLabel(LabelRule rule, List<CompiledVeto> contextVetoes, List<CompiledCombination> combinations) {
    }

    private record CompiledVeto(Set<String> terms, PhraseIndex<Boolean> context, int window) {
    }

    /** {@code of} phrases map to the index of the group (one country, all its names) they belong to. */
    private record CompiledCombination(Combination rule, PhraseIndex<Integer> of, PhraseIndex<Boolean> with) {
    }

    private final Taxonomy taxonomy;
    private final PhraseIndex<Term> terms = new PhraseIndex<>();
    private final PhraseIndex<String> vetoPhrases = new PhraseIndex<>();
    private final List<CompiledLabel> labels = new ArrayList<>();

    public KeywordClassifier(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        for (LabelRule rule : taxonomy.labels()) {
            rule.terms().forEach((phrase, weight) -> terms.add(phrase, new Term(rule.label(), phrase, weight)));
            rule.vetoes().forEach(v -> vetoPhrases.add(v, rule.label()));
            labels.add(new CompiledLabel(rule, rule.contextVetoes().stream().map(KeywordClassifier::compile).toList(),
                    rule.combinations().stream().map(KeywordClassifier::compile).toList()));
        }
    }

    @Override
    public String version() {
        return "keywords-2/" + taxonomy.fingerprint();
    }

    @Override
    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /** Scores every label of the taxonomy, in taxonomy order. */
    public List<LabelScore> classify(NormalizedArticle article) {
        return classify(article, CanonicalTokens.withOffsets(article.fullText()));
    }

    @Override
    public List<LabelScore> classify(NormalizedArticle article, List<Token> tokens) {
        String text = article.fullText();
        int titleEnd = article.title().length();
        Map<String, List<PhraseIndex.Hit<Term>>> hitsByLabel = new LinkedHashMap<>();
        Map<String, boolean[]> vetoed = vetoedPositions(tokens);
        for (PhraseIndex.Hit<Term> hit : terms.find(tokens)) {
            if (!insideVetoPhrase(vetoed.get(hit.value().label()), hit)) {
                hitsByLabel.computeIfAbsent(hit.value().label(), k -> new ArrayList<>()).add(hit);
            }
        }
        List<LabelScore> scores = new ArrayList<>();
        for (CompiledLabel label : labels) {
            List<PhraseIndex.Hit<Term>> hits = withoutContextVetoes(label, hitsByLabel.getOrDefault(label.rule().label(), List.of()), tokens);
            scores.add(score(label, hits, tokens, text, titleEnd));
        }
        return scores;
    }

    private LabelScore score(CompiledLabel label, List<PhraseIndex.Hit<Term>> hits, List<Token> tokens, String text, int titleEnd) {
        Map<String, List<LabelScore.TermMatch>> byPhrase = new LinkedHashMap<>();
        for (PhraseIndex.Hit<Term> hit : hits) {
            LabelScore.TermMatch m = match(hit, tokens, text, titleEnd, hit.value().weight());
            byPhrase.computeIfAbsent(hit.value().phrase(), k -> new ArrayList<>()).add(m);
        }
        double total = 0;
        List<LabelScore.TermMatch> evidence = new ArrayList<>();
        for (List<LabelScore.TermMatch> matches : byPhrase.values()) {
            LabelScore.TermMatch strongest = strongest(matches);
            total += strongest.weight() * Math.sqrt(matches.size());
            evidence.add(strongest);
        }
        for (CompiledCombination c : label.combinations()) {
            total += combinationEvidence(c, tokens, text, evidence);
        }
        LabelRule rule = label.rule();
        double score = 1 - Math.exp(-total / rule.scale());
        evidence.sort(Comparator.comparingDouble(LabelScore.TermMatch::weight).reversed());
        List<LabelScore.TermMatch> shown = evidence.size() > MAX_EVIDENCE ? evidence.subList(0, MAX_EVIDENCE) : evidence;
        return new LabelScore(rule.label(), Math.round(score * 1000) / 1000.0, score >= rule.threshold(), List.copyOf(shown));
    }

    /** The heaviest match, the first of equals (a loop: this runs for every phrase found in every article). */
    private static LabelScore.TermMatch strongest(List<LabelScore.TermMatch> matches) {
        LabelScore.TermMatch strongest = matches.get(0);
        for (LabelScore.TermMatch m : matches) {
            if (Double.compare(m.weight(), strongest.weight()) > 0) {
                strongest = m;
            }
        }
        return strongest;
    }

    private static LabelScore.TermMatch match(PhraseIndex.Hit<?> hit, List<Token> tokens, String text, int titleEnd, double weight) {
        int start = tokens.get(hit.firstToken()).start();
        int end = tokens.get(hit.lastToken()).end();
        return new LabelScore.TermMatch(text.substring(start, end), start, end, start < titleEnd ? weight * TITLE_BOOST : weight);
    }

    /** Adds the combination's weight when enough distinct groups co-occur with a trigger; records the evidence. */
    private static double combinationEvidence(CompiledCombination c, List<Token> tokens, String text, List<LabelScore.TermMatch> evidence) {
        List<PhraseIndex.Hit<Boolean>> triggers = c.rule().with().isEmpty() ? List.of() : c.with().find(tokens);
        if (!c.rule().with().isEmpty() && triggers.isEmpty()) {
            return 0;
        }
        Set<Integer> groups = new HashSet<>();
        List<PhraseIndex.Hit<Integer>> firstOfEach = new ArrayList<>();
        for (PhraseIndex.Hit<Integer> hit : c.of().find(tokens)) {
            if (groups.add(hit.value())) {
                firstOfEach.add(hit);
            }
        }
        if (groups.size() < c.rule().distinct()) {
            return 0;
        }
        double share = c.rule().weight() / (firstOfEach.size() + (triggers.isEmpty() ? 0 : 1));
        firstOfEach.forEach(h -> evidence.add(match(h, tokens, text, -1, share)));
        if (!triggers.isEmpty()) {
            evidence.add(match(triggers.get(0), tokens, text, -1, share));
        }
        return c.rule().weight();
    }

    private static List<PhraseIndex.Hit<Term>> withoutContextVetoes(CompiledLabel label, List<PhraseIndex.Hit<Term>> hits, List<Token> tokens) {
        if (label.contextVetoes().isEmpty() || hits.isEmpty()) {
            return hits;
        }
        List<PhraseIndex.Hit<Term>> kept = new ArrayList<>(hits);
        for (CompiledVeto veto : label.contextVetoes()) {
            // Looking for the context costs a pass over the article: only worth it when a vetoed term occurs.
            if (kept.stream().noneMatch(hit -> veto.terms().contains(hit.value().phrase()))) {
                continue;
            }
            List<PhraseIndex.Hit<Boolean>> context = veto.context().find(tokens);
            if (!context.isEmpty()) {
                kept.removeIf(hit -> veto.terms().contains(hit.value().phrase()) && near(hit, context, veto.window()));
            }
        }
        return kept;
    }

    private static boolean near(PhraseIndex.Hit<?> hit, List<PhraseIndex.Hit<Boolean>> context, int window) {
        if (window == 0) {
            return true;
        }
        for (PhraseIndex.Hit<Boolean> c : context) {
            int distance = Math.max(c.firstToken() - hit.lastToken(), hit.firstToken() - c.lastToken());
            if (distance <= window) {
                return true;
            }
        }
        return false;
    }

    /** Per label, which tokens sit inside one of its veto phrases (labels without any are absent). */
    private Map<String, boolean[]> vetoedPositions(List<Token> tokens) {
        Map<String, boolean[]> vetoed = new HashMap<>();
        for (PhraseIndex.Hit<String> hit : vetoPhrases.find(tokens)) {
            boolean[] mask = vetoed.computeIfAbsent(hit.value(), label -> new boolean[tokens.size()]);
            for (int i = hit.firstToken(); i <= hit.lastToken(); i++) {
                mask[i] = true;
            }
        }
        return vetoed;
    }

    private static boolean insideVetoPhrase(boolean[] mask, PhraseIndex.Hit<Term> hit) {
        if (mask == null) {
            return false;
        }
        for (int i = hit.firstToken(); i <= hit.lastToken(); i++) {
            if (mask[i]) {
                return true;
            }
        }
        return false;
    }

    private static CompiledVeto compile(ContextVeto veto) {
        PhraseIndex<Boolean> context = new PhraseIndex<>();
        veto.context().forEach(p -> context.add(p, Boolean.TRUE));
        return new CompiledVeto(Set.copyOf(veto.terms()), context, veto.window());
    }

    private static CompiledCombination compile(Combination combination) {
        PhraseIndex<Integer> of = new PhraseIndex<>();
        int group = 0;
        for (String phrase : combination.of()) {
            if (Gazetteers.isReference(phrase)) {
                for (List<String> names : Gazetteers.load(phrase)) {
                    int g = group++;
                    names.forEach(n -> of.add(n, g));
                }
            } else {
                of.add(phrase, group++);
            }
        }
        PhraseIndex<Boolean> with = new PhraseIndex<>();
        combination.with().forEach(p -> with.add(p, Boolean.TRUE));
        return new CompiledCombination(combination, of, with);
    }
}
