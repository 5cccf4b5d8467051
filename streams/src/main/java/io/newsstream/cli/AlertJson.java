package io.newsstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsstream.schema.Alert;

/**
 * The JSON line {@code process --alerts-output} writes per alert. A contract: {@code subscriptionId, articleId,
 * origin, clusterId, matched} stay; fields may be added.
 */
final class AlertJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertJson() {
    }

    static String line(Alert a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("subscriptionId", a.getSubscriptionId());
        o.put("articleId", a.getArticleId());
        o.put("origin", a.getOrigin());
        o.put("clusterId", a.getClusterId());
        a.getMatched().forEach(o.putArray("matched")::add);
        o.put("title", a.getTitle());
        o.put("source", a.getSource());
        o.put("url", a.getUrl());
        a.getTopics().forEach(o.putArray("topics")::add);
        o.put("snippet", a.getSnippet());
        o.put("alertedAt", a.getAlertedAt().toString());
        return o.toString();
    }
}
