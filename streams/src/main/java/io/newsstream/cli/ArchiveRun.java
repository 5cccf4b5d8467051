package io.newsstream.cli;

import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.ingest.IngestOutcome;
import io.newsstream.ingest.IngestReport;
import io.newsstream.ingest.Ingestor;
import io.newsstream.ingest.InputReader;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.TopicProvisioner;
import io.newsstream.kafka.Topics;
import io.newsstream.pipeline.Pipeline;
import io.newsstream.schema.Alert;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.PipelineFailure;
import io.newsstream.schema.Subscription;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One-shot processing of an archive through the real pipeline (used by {@code process} and {@code demo}):
 * register the run's alert subscriptions, start the pipeline, ingest the inputs, and collect from the enriched
 * and dead-letter topics until every accepted article has come out (and the alerts they raise), then stop.
 */
final class ArchiveRun {

    /**
     * @param ingest   what ingest accepted and rejected
     * @param enriched the enriched event of each accepted article, in input order
     * @param failures articles the pipeline dead-lettered
     * @param missing  ids of accepted articles that did not come out before the timeout
     * @param alerts   the alerts the run's subscriptions raised
     */
    record Result(IngestReport ingest, List<EnrichedArticle> enriched, List<PipelineFailure> failures, List<String> missing,
                  List<Alert> alerts) {
    }

    private static final Duration POLL = Duration.ofMillis(200);
    /**
     * How long to keep reading after the last enriched event: alerts commit in the same transaction, but on other
     * partitions, which the consumer may fetch a few polls later.
     */
    private static final Duration ALERT_GRACE = Duration.ofSeconds(3);

    private ArchiveRun() {
    }

    /**
     * Runs on the configured cluster, or on an embedded broker (removed afterwards) when none is configured;
     * every rejected input is reported on {@code err} as it is read.
     */
    static Result run(NewsstreamConfig config, Taxonomy taxonomy, List<String> inputs, List<Subscription> subscriptions,
                      PrintWriter err) throws InterruptedException {
        try (KafkaTarget kafka = KafkaTarget.open(config)) {
            return run(kafka.withRunState(config), kafka.clients(), taxonomy, inputs, subscriptions,
                    outcome -> IngestCommand.reportRejection(err, outcome));
        }
    }

    static Result run(NewsstreamConfig config, KafkaClients clients, Taxonomy taxonomy, List<String> inputs,
                      List<Subscription> subscriptions, Consumer<IngestOutcome> listener) throws InterruptedException {
        Topics topics = new Topics(config.topics());
        TopicProvisioner.ensureTopics(clients, topics.specs(topics.allNames(taxonomy.labelNames()), config.rawRetention()),
                config.partitions(), config.replicationFactor());
        // Registered before the pipeline starts, so they apply to the first article.
        if (!subscriptions.isEmpty()) {
            new SubscriptionTopic(config, clients).write(subscriptions);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.readCommittedConsumer(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             Pipeline pipeline = Pipeline.start(config, clients, taxonomy)) {
            // Read only what this run produces: on a shared cluster the topics may hold earlier runs' events.
            assignAtEnd(consumer, List.of(topics.enriched().name(), topics.dlq().name(), topics.alerts().name()));
            IngestReport report;
            // The run writes out every article it accepted, in input order: it keeps their ids (not the articles).
            List<String> acceptedIds = new ArrayList<>();
            try (Ingestor ingestor = new Ingestor(clients, topics, Clock.systemUTC())) {
                InputReader reader = new InputReader(config.maxArticleBytes(), config.maxTitleChars(), Clock.systemUTC(), System.in);
                report = ingestor.ingest(inputs, reader, outcome -> {
                    listener.accept(outcome);
                    if (outcome instanceof IngestOutcome.Accepted a) {
                        acceptedIds.add(a.article().getId());
                    }
                });
            }
            Set<String> ids = subscriptions.stream().map(Subscription::getId).collect(Collectors.toSet());
            return collect(consumer, topics, pipeline, report, acceptedIds, ids, config.processTimeout());
        }
    }

    private static void assignAtEnd(KafkaConsumer<byte[], byte[]> consumer, Collection<String> topicNames) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topicNames) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    private static Result collect(KafkaConsumer<byte[], byte[]> consumer, Topics topics, Pipeline pipeline,
                                  IngestReport report, List<String> acceptedIds, Set<String> subscriptions, Duration timeout) {
        Map<String, Integer> pending = new HashMap<>();
        acceptedIds.forEach(id -> pending.merge(id, 1, Integer::sum));
        Set<String> accepted = Set.copyOf(pending.keySet());
        Map<String, Queue<EnrichedArticle>> byId = new HashMap<>();
        List<PipelineFailure> failures = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        Instant lastEvent = Instant.now();
        while ((!pending.isEmpty() || awaitingAlerts(subscriptions, lastEvent)) && Instant.now().isBefore(deadline)
                && pipeline.failure() == null) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                // On a shared cluster other runs write these topics too: only this run's records count.
                if (r.topic().equals(topics.alerts().name())) {
                    Alert alert = topics.alerts().valueSerde().deserializer().deserialize(r.topic(), r.value());
                    if (subscriptions.contains(alert.getSubscriptionId()) && accepted.contains(alert.getArticleId())) {
                        alerts.add(alert);
                        lastEvent = Instant.now();
                    }
                } else if (r.topic().equals(topics.enriched().name())) {
                    EnrichedArticle a = topics.enriched().valueSerde().deserializer().deserialize(r.topic(), r.value());
                    if (accepted.contains(a.getId())) {
                        byId.computeIfAbsent(a.getId(), k -> new ArrayDeque<>()).add(a);
                        settle(pending, a.getId());
                        lastEvent = Instant.now();
                    }
                } else {
                    PipelineFailure f = topics.dlq().valueSerde().deserializer().deserialize(r.topic(), r.value());
                    failures.add(f);
                    if (f.getArticleId() != null) {
                        settle(pending, f.getArticleId());
                    }
                }
            }
        }
        List<EnrichedArticle> inOrder = new ArrayList<>();
        for (String id : acceptedIds) {
            Queue<EnrichedArticle> q = byId.get(id);
            if (q != null && !q.isEmpty()) {
                inOrder.add(q.poll());
            }
        }
        return new Result(report, inOrder, failures, List.copyOf(pending.keySet()), alerts);
    }

    /** With subscriptions, wait until the output has been quiet a while (see {@link #ALERT_GRACE}). */
    private static boolean awaitingAlerts(Set<String> subscriptions, Instant lastEvent) {
        return !subscriptions.isEmpty() && lastEvent.plus(ALERT_GRACE).isAfter(Instant.now());
    }

    private static void settle(Map<String, Integer> pending, String id) {
        pending.computeIfPresent(id, (k, n) -> n > 1 ? n - 1 : null);
    }
}
