package io.newsstream.alert;

import io.newsstream.normalize.CanonicalTokens;
import io.newsstream.normalize.Token;
import io.newsstream.schema.Alert;
import io.newsstream.schema.AlertCandidate;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.Entity;
import io.newsstream.schema.EntityType;
import io.newsstream.schema.TopicScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The alerts an article raises, in two steps: matching the subscriptions (the costly part, done in the parallel
 * analysis stage, before the article's story is known) and raising the alerts of the matches its story has not
 * alerted yet (in the story stage). Pure.
 */
public final class AlertMatcher {

    private static final Set<String> NAME_SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv");

    private AlertMatcher() {
    }

    /** The subscriptions the article matches, with the matched terms and a snippet for each. */
    public static List<AlertCandidate> candidatesFor(EnrichedArticle article, SubscriptionIndex subscriptions) {
        String title = article.getTitle() == null ? "" : article.getTitle();
        String text = title.isEmpty() ? article.getBody() : title + "\n\n" + article.getBody();
        return candidatesFor(article, text, CanonicalTokens.withOffsets(text), title.length(), subscriptions);
    }

    /**
     * As above, for an article its analysis has tokenised already.
     *
     * @param text     title and body as one text, a blank line between them (the body alone when it has no title)
     * @param tokens   the canonical tokens of {@code text}, with offsets
     * @param titleEnd where the title ends in {@code text} (0 when there is none)
     */
    public static List<AlertCandidate> candidatesFor(EnrichedArticle article, String text, List<Token> tokens,
                                                     int titleEnd, SubscriptionIndex subscriptions) {
        if (subscriptions.size() == 0) {
            return List.of();
        }
        AlertDocument doc = new AlertDocument(tokens.stream().map(Token::text).toList(),
                labels(article).stream().collect(Collectors.toSet()), article.getSource(), entityNames(article));
        List<SubscriptionIndex.Hit> hits = subscriptions.match(doc);
        if (hits.isEmpty()) {
            return List.of();
        }
        Snippets snippets = new Snippets(text, titleEnd, tokens,
                hits.stream().flatMap(h -> h.matched().stream()).toList());
        List<AlertCandidate> candidates = new ArrayList<>(hits.size());
        for (SubscriptionIndex.Hit hit : hits) {
            candidates.add(AlertCandidate.newBuilder()
                    .setSubscriptionId(hit.subscriptionId())
                    .setMatched(hit.matched().stream().distinct().toList())
                    .setSnippet(snippets.around(hit.matched()))
                    .build());
        }
        return candidates;
    }

    /**
     * Every name an {@code entity:} filter may give for the article's entities, as filters compare names: the
     * entity's name, its variants and aliases, the last words of a person's name and a country's ISO code.
     */
    static Set<String> entityNames(EnrichedArticle article) {
        Set<String> names = new HashSet<>();
        for (Entity e : article.getEntities()) {
            names.add(AlertDocument.canonical(e.getName()));
            e.getVariants().forEach(v -> names.add(AlertDocument.canonical(v)));
            e.getAliases().forEach(a -> names.add(AlertDocument.canonical(a)));
            if (e.getType() == EntityType.PERSON) {
                names.addAll(endsOfName(CanonicalTokens.of(e.getName())));
            }
            if (e.getCountryCode() != null) {
                names.add(AlertDocument.canonical(e.getCountryCode()));
            }
        }
        names.remove("");
        return names;
    }

    /**
     * A person is also named by the end of the name ("Trump", "Lopez Obrador"), not by a generational suffix or
     * a word of two letters ("Jr", the "Un" of Kim Jong Un, which would match entity:UN).
     */
    private static List<String> endsOfName(List<String> words) {
        int end = words.size();
        while (end > 1 && NAME_SUFFIXES.contains(words.get(end - 1))) {
            end--;
        }
        List<String> ends = new ArrayList<>();
        for (int from = 1; from < end; from++) {
            if (words.get(from).length() > 2) {
                ends.add(String.join(" ", words.subList(from, end)));
            }
        }
        return ends;
    }

    /** The alerts of the given matches, for an article whose dedup verdict is set. */
    public static List<Alert> raise(EnrichedArticle article, List<AlertCandidate> candidates, Instant now) {
        List<Alert> alerts = new ArrayList<>(candidates.size());
        for (AlertCandidate candidate : candidates) {
            alerts.add(Alert.newBuilder()
                    .setSubscriptionId(candidate.getSubscriptionId())
                    .setArticleId(article.getId())
                    .setClusterId(article.getDedup().getClusterId())
                    .setOrigin(article.getOrigin())
                    .setTitle(article.getTitle())
                    .setUrl(article.getUrl())
                    .setSource(article.getSource())
                    .setTopics(labels(article))
                    .setMatched(candidate.getMatched())
                    .setSnippet(candidate.getSnippet())
                    .setPublishedAt(article.getPublishedAt())
                    .setAlertedAt(now)
                    .build());
        }
        return alerts;
    }

    private static List<String> labels(EnrichedArticle article) {
        return article.getTopics().stream().map(TopicScore::getLabel).toList();
    }
}
