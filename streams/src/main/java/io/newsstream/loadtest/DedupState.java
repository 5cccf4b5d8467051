package io.newsstream.loadtest;

import java.util.List;
import java.util.Locale;

/**
 * What the story stage keeps and the pipeline writes per article. State as the stores' changelogs hold it on the
 * broker: what a restore replays and about what RocksDB holds on disk (Kafka Streams writes it uncompressed).
 * Every article of a bench run is still within the retention, so all are retained.
 *
 * @param bytes              the changelogs' size
 * @param articles           articles the pipeline was given
 * @param stores             the stores counted
 * @param recordsPerArticle  records the pipeline wrote (outputs, repartitions, changelogs; not the alerts) per article
 * @param indexBytesPerArticle heap the in-memory anchor index takes per indexed article (estimated by the index)
 */
public record DedupState(long bytes, long articles, List<String> stores, double recordsPerArticle,
                         double indexBytesPerArticle) {

    public double bytesPerArticle() {
        return articles == 0 ? Double.NaN : (double) bytes / articles;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "story state %.0f bytes per retained article (%.0f MB in the changelogs of %s for "
                + "%,d articles), anchor index %.0f bytes of heap per article, %.1f records written per article",
                bytesPerArticle(), bytes / (1024.0 * 1024), String.join(", ", stores), articles, indexBytesPerArticle,
                recordsPerArticle);
    }
}
