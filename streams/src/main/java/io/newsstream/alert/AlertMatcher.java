package io.newsstream.alert;

import io.newsstream.normalize.CanonicalTokens;
import io.newsstream.normalize.Token;
import io.newsstream.schema.Alert;
import io.newsstream.schema.AlertCandidate;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.TopicScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The alerts an article raises, in two steps: matching the subscriptions (the costly part, done in the parallel
 * analysis stage, before the article's story is known) and raising the alerts of the matches its story has not
 * alerted yet (in the story stage). Pure.
 */
public final class AlertMatcher {

    private AlertMatcher() {
    }

    /** The subscriptions the article matches, with the matched terms and a snippet for each. */
    public static List<AlertCandidate> candidatesFor(EnrichedArticle article, SubscriptionIndex subscriptions) {
        if (subscriptions.size() == 0) {
            return List.of();
        }
        String text = alertText(article);
        List<Token> tokens = CanonicalTokens.withOffsets(text);
        // Entities are not extracted yet: entity: filters match nothing until they are.
        AlertDocument doc = new AlertDocument(tokens.stream().map(Token::text).toList(),
                labels(article).stream().collect(Collectors.toSet()), article.getSource(), Set.of());
        List<AlertCandidate> candidates = new ArrayList<>();
        for (SubscriptionIndex.Hit hit : subscriptions.match(doc)) {
            candidates.add(AlertCandidate.newBuilder()
                    .setSubscriptionId(hit.subscriptionId())
                    .setMatched(hit.matched().stream().distinct().toList())
                    .setSnippet(Snippets.around(text, tokens, hit.matched()))
                    .build());
        }
        return candidates;
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

    /** The headline ends with a dash so a snippet that spans it still reads as two parts. */
    private static String alertText(EnrichedArticle article) {
        return article.getTitle() == null ? article.getBody() : article.getTitle() + " —\n\n" + article.getBody();
    }

    private static List<String> labels(EnrichedArticle article) {
        return article.getTopics().stream().map(TopicScore::getLabel).toList();
    }
}
