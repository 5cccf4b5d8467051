package io.newsstream.pipeline;

import io.newsstream.alert.SubscriptionRegistry;
import io.newsstream.alert.SubscriptionStoreUpdater;
import io.newsstream.schema.AnalyzedArticle;
import io.newsstream.schema.RawArticle;
import io.newsstream.schema.Subscription;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The parallel stage: each raw article analysed and matched against the subscriptions in one step, so matching
 * reads the tokens the analysis made. Input: {@link RawArticle} keyed by article id; output: the
 * {@link AnalyzedArticle} (enriched article, dedup signature, matched subscriptions), same key. Reads the global store {@value SubscriptionStoreUpdater#STORE} once, to fill
 * this instance's registry; the global thread keeps it current after that.
 */
final class AnalyzeProcessor implements FixedKeyProcessor<String, RawArticle, AnalyzedArticle> {

    private final ArticleAnalyzer analyzer;
    private final ArticleSizeLimit sizeLimit;
    private final SubscriptionRegistry subscriptions;
    private final PipelineMetrics metrics;
    private FixedKeyProcessorContext<String, AnalyzedArticle> context;

    AnalyzeProcessor(ArticleAnalyzer analyzer, ArticleSizeLimit sizeLimit, SubscriptionRegistry subscriptions,
                     PipelineMetrics metrics) {
        this.analyzer = analyzer;
        this.sizeLimit = sizeLimit;
        this.subscriptions = subscriptions;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, AnalyzedArticle> context) {
        this.context = context;
        ReadOnlyKeyValueStore<String, Subscription> stored = context.getStateStore(SubscriptionStoreUpdater.STORE);
        Map<String, Subscription> all = new HashMap<>();
        try (KeyValueIterator<String, Subscription> it = stored.all()) {
            it.forEachRemaining(kv -> all.put(kv.key, kv.value));
        }
        subscriptions.loadOnce(all);
    }

    @Override
    public void process(FixedKeyRecord<String, RawArticle> record) {
        metrics.received("analyze");
        AnalyzedArticle analyzed = analyzer.analyze(sizeLimit.check(record.value()), subscriptions.index());
        context.forward(record.withValue(analyzed));
        metrics.analyzed(analyzed.getArticle());
    }
}
