package io.newsstream.loadtest;

import java.util.List;
import java.util.Locale;

/**
 * The state dedup keeps per article, as its stores' changelogs hold it on the broker: what a restore replays and
 * about what RocksDB holds on disk (Kafka Streams writes it uncompressed). Every article of a bench run is still
 * within the retention, so all are retained.
 *
 * @param bytes    the changelogs' size
 * @param articles articles the pipeline was given
 * @param stores   the stores counted
 */
public record DedupState(long bytes, long articles, List<String> stores) {

    public double bytesPerArticle() {
        return articles == 0 ? Double.NaN : (double) bytes / articles;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "dedup state %.1f KB per retained article (%.0f MB in the changelogs of %s for %,d articles)",
                bytesPerArticle() / 1024, bytes / (1024.0 * 1024), String.join(", ", stores), articles);
    }
}
