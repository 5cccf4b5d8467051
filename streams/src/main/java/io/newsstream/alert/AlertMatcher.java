package io.newsstream.alert;

import io.newsstream.normalize.CanonicalTokens;
import io.newsstream.normalize.Token;
import io.newsstream.schema.Alert;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.TopicScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The alerts one enriched article raises against the current subscriptions. Pure. */
public final class AlertMatcher {

    private AlertMatcher() {
    }

    public static List<Alert> alertsFor(EnrichedArticle article, SubscriptionIndex subscriptions, Instant now) {
        if (subscriptions.size() == 0) {
            return List.of();
        }
        // The headline ends with a dash so a snippet that spans it still reads as two parts.
        String text = article.getTitle() == null ? article.getBody() : article.getTitle() + " —\n\n" + article.getBody();
        List<Token> tokens = CanonicalTokens.withOffsets(text);
        List<String> labels = article.getTopics().stream().map(TopicScore::getLabel).toList();
        // Entities are not extracted yet: entity: filters match nothing until they are.
        AlertDocument doc = new AlertDocument(tokens.stream().map(Token::text).toList(),
                labels.stream().collect(Collectors.toSet()), article.getSource(), Set.of());
        List<Alert> alerts = new ArrayList<>();
        for (SubscriptionIndex.Hit hit : subscriptions.match(doc)) {
            alerts.add(Alert.newBuilder()
                    .setSubscriptionId(hit.subscriptionId())
                    .setArticleId(article.getId())
                    .setClusterId(article.getDedup().getClusterId())
                    .setOrigin(article.getOrigin())
                    .setTitle(article.getTitle())
                    .setUrl(article.getUrl())
                    .setSource(article.getSource())
                    .setTopics(labels)
                    .setMatched(hit.matched().stream().distinct().toList())
                    .setSnippet(Snippets.around(text, tokens, hit.matched()))
                    .setPublishedAt(article.getPublishedAt())
                    .setAlertedAt(now)
                    .build());
        }
        return alerts;
    }
}
