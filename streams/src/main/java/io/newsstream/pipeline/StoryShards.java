package io.newsstream.pipeline;

import io.newsstream.normalize.LanguageTags;
import io.newsstream.schema.AnalyzedArticle;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Which story shard (partition of the story-by-shard repartition topic) an article goes to: one chosen from what
 * every copy of a story shares, its language, so copies always meet. With one shard (the default) every article
 * meets every other. Articles of unknown language share a shard.
 */
final class StoryShards implements StreamPartitioner<String, AnalyzedArticle> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, AnalyzedArticle value, int numPartitions) {
        return Optional.of(Set.of(shardOf(value.getArticle().getLanguage(), numPartitions)));
    }

    /** The shard of a language (its primary subtag: {@code en-GB} goes with {@code en}). */
    static int shardOf(String language, int shards) {
        if (shards == 1) {
            return 0;
        }
        String primary = LanguageTags.primary(language);
        primary = primary == null ? "" : primary;
        // String.hashCode is specified, so a language keeps its shard across versions and instances.
        return Math.floorMod(primary.hashCode(), shards);
    }
}
