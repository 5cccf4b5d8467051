package io.newsstream.pipeline;

import io.newsstream.alert.AlertMatcher;
import io.newsstream.alert.SubscriptionIndex;
import io.newsstream.classify.LabelScore;
import io.newsstream.classify.TopicClassifier;
import io.newsstream.dedup.SignatureBuilder;
import io.newsstream.enrich.Enricher;
import io.newsstream.enrich.Enrichment;
import io.newsstream.enrich.LanguageIdentifier;
import io.newsstream.enrich.NamedEntity;
import io.newsstream.normalize.CanonicalTokens;
import io.newsstream.normalize.LanguageTags;
import io.newsstream.normalize.NormalizedArticle;
import io.newsstream.normalize.TextNormalizer;
import io.newsstream.normalize.Token;
import io.newsstream.schema.AlertCandidate;
import io.newsstream.schema.AnalyzedArticle;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.Entity;
import io.newsstream.schema.EntityType;
import io.newsstream.schema.Evidence;
import io.newsstream.schema.Fingerprint;
import io.newsstream.schema.Mention;
import io.newsstream.schema.RawArticle;
import io.newsstream.schema.TopicScore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The stateless part of the pipeline for one article: normalise, detect its language, classify (when the
 * taxonomy covers the language), fingerprint, enrich, and the subscriptions it matches. Produces an
 * {@link EnrichedArticle} whose dedup verdict is still unset, with the signature the story stage compares.
 * Pure apart from the clock, and thread-safe.
 */
public final class ArticleAnalyzer {

    private static final SubscriptionIndex NO_SUBSCRIPTIONS = new SubscriptionIndex();

    private final TextNormalizer normalizer = new TextNormalizer();
    private final TopicClassifier classifier;
    private final SignatureBuilder signatures;
    private final Enricher enricher = new Enricher();
    private final LanguageIdentifier languages = LanguageIdentifier.shared();
    private final Clock clock;

    public ArticleAnalyzer(TopicClassifier classifier, SignatureBuilder signatures, Clock clock) {
        this.classifier = classifier;
        this.signatures = signatures;
        this.clock = clock;
    }

    /** The published part of the analysis (tests and tools that do not need the dedup signature). */
    public EnrichedArticle enrich(RawArticle raw) {
        return analyze(raw).getArticle();
    }

    /** The article analysed for the story stage, its signature beside it, without subscriptions to match. */
    public AnalyzedArticle analyze(RawArticle raw) {
        return analyze(raw, NO_SUBSCRIPTIONS);
    }

    /** The article analysed for the story stage: its signature and the subscriptions it matches beside it. */
    public AnalyzedArticle analyze(RawArticle raw, SubscriptionIndex subscriptions) {
        if (raw == null) {
            throw new IllegalArgumentException("record has no value: expected a RawArticle");
        }
        NormalizedArticle text = normalizer.normalize(raw.getTitle(), raw.getBody());
        // Tokenise once: classification and alert matching read title and body, enrichment each apart, dedup the
        // body after its dateline.
        String fullText = text.fullText();
        List<Token> tokens = CanonicalTokens.withOffsets(fullText);
        String body = text.body();
        int bodyStart = fullText.length() - body.length();
        int dedupStart = bodyStart + text.datelineLength();
        SignatureBuilder.Result signature = signatures.describe(fullText, from(tokens, dedupStart));
        Enrichment enrichment = enricher.enrich(body, text.dateline(), words(tokens, 0, bodyStart),
                words(tokens, bodyStart, fullText.length()));
        // A language given at ingest is trusted when it is a language code; "English" or a blank one is detected.
        String given = LanguageTags.primary(raw.getLanguage());
        String language = given != null ? given : languages.identify(body);
        // The taxonomy's rules and model read the languages it lists; an article in another would be labelled by chance.
        boolean covered = classifier.taxonomy().covers(language);
        List<LabelScore> scores = covered ? classifier.classify(text, tokens) : List.of();
        EnrichedArticle article = EnrichedArticle.newBuilder()
                .setId(raw.getId())
                .setOrigin(raw.getOrigin())
                .setSource(raw.getSource())
                .setUrl(raw.getUrl())
                .setTitle(text.title())
                .setBody(body)
                .setPublishedAt(raw.getPublishedAt())
                .setLanguage(language)
                .setIngestedAt(raw.getIngestedAt())
                .setProcessedAt(clock.instant())
                .setTopics(assignedTopics(scores))
                .setClassifierVersion(classifier.version())
                .setFingerprint(new Fingerprint(signature.exactHash(), signature.anchors()))
                .setDedup(null)
                .setWordCount(enrichment.wordCount())
                .setKeywords(enrichment.keywords())
                .setLanguageCovered(covered)
                .setEntities(enrichment.entities().stream().map(ArticleAnalyzer::entity).toList())
                .setDateline(enrichment.dateline())
                .setCredit(text.credit())
                .setReadingTimeSeconds(enrichment.readingTimeSeconds())
                .build();
        List<AlertCandidate> alerts = AlertMatcher.candidatesFor(article, fullText, tokens, text.title().length(),
                subscriptions);
        return new AnalyzedArticle(article, signature.signature(), alerts);
    }

    private static Entity entity(NamedEntity e) {
        return Entity.newBuilder()
                .setName(e.name())
                .setType(EntityType.valueOf(e.type().name()))
                .setCountryCode(e.countryCode())
                .setMentionCount(e.mentions().size())
                .setMentions(e.mentions().stream().map(m -> new Mention(m.start(), m.end())).toList())
                .setVariants(e.variants())
                .setAliases(e.aliases().stream().filter(a -> !a.equals(e.name())).toList())
                .build();
    }

    private static List<Token> from(List<Token> tokens, int start) {
        int i = 0;
        while (i < tokens.size() && tokens.get(i).start() < start) {
            i++;
        }
        return tokens.subList(i, tokens.size());
    }

    private static List<String> words(List<Token> tokens, int start, int end) {
        List<String> words = new ArrayList<>();
        for (Token t : tokens) {
            if (t.start() >= start && t.start() < end) {
                words.add(t.text());
            }
        }
        return words;
    }

    private static List<TopicScore> assignedTopics(List<LabelScore> scores) {
        List<TopicScore> topics = new ArrayList<>();
        for (LabelScore s : scores) {
            if (s.assigned()) {
                List<Evidence> evidence = s.evidence().stream()
                        .map(m -> new Evidence(m.text(), m.start(), m.end(), m.weight()))
                        .toList();
                topics.add(new TopicScore(s.label(), s.score(), evidence));
            }
        }
        topics.sort((a, b) -> Double.compare(b.getScore(), a.getScore()));
        return topics;
    }
}
