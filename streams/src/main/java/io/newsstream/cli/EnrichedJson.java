package io.newsstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsstream.schema.DedupVerdict;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.Entity;
import io.newsstream.schema.Evidence;
import io.newsstream.schema.TopicScore;
import java.time.Instant;
import java.util.Locale;

/**
 * The JSON Lines form of an enriched event written by {@code process}. This is a contract used by
 * evaluation tools: {@code id, origin, title, topics[{label, score}], dedup{status, clusterId, canonicalId,
 * similarity}} stay; fields may be added.
 */
final class EnrichedJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EnrichedJson() {
    }

    static String line(EnrichedArticle a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", a.getId());
        o.put("origin", a.getOrigin());
        o.put("source", a.getSource());
        o.put("url", a.getUrl());
        o.put("title", a.getTitle());
        o.put("publishedAt", iso(a.getPublishedAt()));
        o.put("language", a.getLanguage());
        ArrayNode topics = o.putArray("topics");
        for (TopicScore t : a.getTopics()) {
            ObjectNode topic = topics.addObject().put("label", t.getLabel()).put("score", t.getScore());
            ArrayNode evidence = topic.putArray("evidence");
            for (Evidence e : t.getEvidence()) {
                evidence.addObject().put("text", e.getText()).put("start", e.getStart()).put("end", e.getEnd());
            }
        }
        DedupVerdict d = a.getDedup();
        o.putObject("dedup")
                .put("status", d.getStatus().name().toLowerCase(Locale.ROOT))
                .put("clusterId", d.getClusterId())
                .put("canonicalId", d.getCanonicalId())
                .put("similarity", d.getSimilarity())
                .put("method", d.getMethod().name().toLowerCase(Locale.ROOT));
        o.put("classifierVersion", a.getClassifierVersion());
        o.put("wordCount", a.getWordCount());
        ArrayNode keywords = o.putArray("keywords");
        a.getKeywords().forEach(keywords::add);
        o.put("languageCovered", a.getLanguageCovered());
        o.put("readingTimeSeconds", a.getReadingTimeSeconds());
        o.put("dateline", a.getDateline());
        o.put("credit", a.getCredit());
        ArrayNode entities = o.putArray("entities");
        for (Entity e : a.getEntities()) {
            ObjectNode entity = entities.addObject()
                    .put("name", e.getName())
                    .put("type", e.getType().name().toLowerCase(Locale.ROOT))
                    .put("countryCode", e.getCountryCode())
                    .put("mentionCount", e.getMentionCount());
            ArrayNode mentions = entity.putArray("mentions");
            e.getMentions().forEach(m -> mentions.addObject().put("start", m.getStart()).put("end", m.getEnd()));
            ArrayNode variants = entity.putArray("variants");
            e.getVariants().forEach(variants::add);
            ArrayNode aliases = entity.putArray("aliases");
            e.getAliases().forEach(aliases::add);
        }
        ObjectNode fingerprint = o.putObject("fingerprint")
                .put("exactHash", a.getFingerprint().getExactHash());
        ArrayNode anchors = fingerprint.putArray("anchors");
        a.getFingerprint().getAnchors().forEach(h -> anchors.add(Long.toHexString(h)));
        o.put("ingestedAt", iso(a.getIngestedAt()));
        o.put("processedAt", iso(a.getProcessedAt()));
        return o.toString();
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
