package io.newsstream.ops;

import io.newsstream.config.NewsstreamConfig;
import io.newsstream.config.TopicNames;
import io.newsstream.kafka.CompactedLedger;
import io.newsstream.kafka.KafkaClients;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A reprocess: a second pipeline, under its own application id ({@code newsstream-NAME}), that reads the live raw
 * articles and subscriptions and writes every output to side topics suffixed {@code .NAME}, so a new taxonomy or
 * version is compared with the live output without touching live topics or state. The side topics belong to the
 * name: the first run records them in a compacted registry topic, and a name whose side topics exist without that
 * record (another application's) is refused.
 */
public final class SideRun {

    /** Records which reprocess names own their side topics (compacted; key: the name). */
    public static final String REGISTRY = "news.reprocess.v1";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");

    private SideRun() {
    }

    /**
     * The side pipeline's configuration: the live one with its own application id and suffixed output topics.
     *
     * @throws IllegalArgumentException for a name that is not lowercase letters, digits and dashes, or whose
     *                                  application id is the live one's
     */
    public static NewsstreamConfig config(NewsstreamConfig live, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a reprocess name is lowercase letters, digits and dashes (at most 41), got '" + name + "'");
        }
        String applicationId = "newsstream-" + name;
        if (applicationId.equals(live.applicationId())) {
            throw new IllegalArgumentException("reprocess " + name + " would run as " + applicationId
                    + ", the live application itself: choose another name");
        }
        TopicNames t = live.topics();
        Map<String, String> side = new HashMap<>();
        side.put("application.id", applicationId);
        side.put("topic.enriched", t.enriched() + "." + name);
        side.put("topic.dlq", t.dlq() + "." + name);
        side.put("topic.stories", t.stories() + "." + name);
        side.put("topic.alerts", t.alerts() + "." + name);
        side.put("topic.label-pattern", t.labelTopic() + "." + name);
        return live.with(side);
    }

    /** The side topics a reprocess writes, for the labels given. */
    public static List<String> sideTopics(NewsstreamConfig side, List<String> labels) {
        TopicNames t = side.topics();
        List<String> topics = new ArrayList<>(List.of(t.enriched(), t.dlq(), t.stories(), t.alerts()));
        labels.forEach(l -> topics.add(t.forLabel(l)));
        return topics;
    }

    /**
     * Claims the side topics for the name (refusing those another application created) and, on the first run,
     * starts the side application's reading of the raw topic at {@code from} (the earliest record when empty).
     *
     * @throws IllegalStateException naming a side topic that exists without this name's claim
     */
    public static void prepare(KafkaClients clients, NewsstreamConfig side, String name, List<String> labels,
                               Optional<Instant> from) {
        try (Admin admin = Admin.create(clients.common())) {
            CompactedLedger.ensure(clients, REGISTRY);
            boolean claimed = claims(clients).containsKey(name);
            if (!claimed) {
                for (String topic : sideTopics(side, labels)) {
                    if (ClusterOffsets.partitions(admin, topic).isPresent()) {
                        throw new IllegalStateException("topic " + topic + " exists and is not reprocess " + name
                                + "'s (no claim in " + REGISTRY + "): choose another name");
                    }
                }
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(clients.producer(), new StringSerializer(),
                        new StringSerializer())) {
                    producer.send(new ProducerRecord<>(REGISTRY, name, side.applicationId())).get();
                }
            }
            String raw = side.topics().raw();
            boolean started = admin.listConsumerGroupOffsets(side.applicationId()).partitionsToOffsetAndMetadata().get()
                    .keySet().stream().anyMatch(tp -> tp.topic().equals(raw));
            List<TopicPartition> partitions = ClusterOffsets.partitions(admin, raw).orElse(List.of());
            if (!started && !partitions.isEmpty()) {
                OffsetSpec spec = from.map(t -> OffsetSpec.forTimestamp(t.toEpochMilli())).orElse(OffsetSpec.earliest());
                Map<TopicPartition, Long> starts = ClusterOffsets.offsets(admin, partitions, spec);
                Map<TopicPartition, Long> ends = ClusterOffsets.offsets(admin, partitions, OffsetSpec.latest());
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                partitions.forEach(tp -> offsets.put(tp, new OffsetAndMetadata(starts.get(tp) < 0 ? ends.get(tp) : starts.get(tp))));
                admin.alterConsumerGroupOffsets(side.applicationId(), offsets).all().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot prepare reprocess " + name + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Every claim in the registry: name → application id. */
    static Map<String, String> claims(KafkaClients clients) {
        return CompactedLedger.read(clients, REGISTRY);
    }
}
