package io.newsstream.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.newsstream.alert.Subscriptions;
import io.newsstream.classify.Taxonomy;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.kafka.EmbeddedKafkaBroker;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.Topics;
import io.newsstream.pipeline.Pipeline;
import io.newsstream.schema.Alert;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.RawArticle;
import io.newsstream.schema.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dedup at scale on a real broker: 4 partitions, two pipeline instances sharing the work. Originals and their
 * copies are keyed onto different partitions (so, with tasks spread over both instances, usually different
 * instances), arrive in either order, or at the same moment — and must still form one story with one original.
 */
class ScaleOutIT {

    private static final int PARTITIONS = 4;
    private static final Instant MONDAY = Instant.parse("2026-11-02T10:00:00Z");
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start(0, PipelineScenario.testDir("scale-broker-" + UUID.randomUUID()));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static NewsstreamConfig instanceConfig(String run, int instance) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "application.id", "scale-" + run,
                "partitions", String.valueOf(PARTITIONS),
                "state.dir", PipelineScenario.testDir("scale-state-" + run + "-" + instance).toString()));
        // Topics of this run only, so runs on the shared broker never see each other's records.
        for (String topic : List.of("raw", "enriched", "stories", "subscriptions", "alerts")) {
            settings.put("topic." + topic, "scale." + run + "." + topic);
        }
        settings.put("topic.label-pattern", "scale." + run + ".topic.%s");
        return NewsstreamConfig.defaultConfig().with(settings);
    }

    /** An article id of {@code prefix} that the default partitioner puts on {@code partition}. */
    private static String idOnPartition(String prefix, int partition) {
        for (int i = 0; ; i++) {
            String id = prefix + "-" + i;
            if (Utils.toPositive(Utils.murmur2(id.getBytes())) % PARTITIONS == partition) {
                return id;
            }
        }
    }

    private static RawArticle article(String id, String body, Instant ingested) {
        return RawArticle.newBuilder().setId(id).setOrigin(id + ".txt").setTitle("Headline of " + id).setBody(body)
                .setIngestedAt(ingested).setPublishedAt(MONDAY).build();
    }

    @Test
    void shouldFindCopiesAcrossPartitionsAndInstancesInAnyOrder() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        NewsstreamConfig first = instanceConfig(run, 1);
        Topics topics = new Topics(first.topics());
        KafkaClients clients = new KafkaClients(broker.bootstrapServers(), first);
        try (Pipeline one = Pipeline.start(first, clients, Taxonomy.builtIn());
             Pipeline two = Pipeline.start(instanceConfig(run, 2), clients, Taxonomy.builtIn());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer(), new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> one.state() == KafkaStreams.State.RUNNING
                    && two.state() == KafkaStreams.State.RUNNING && one.activeTasks() > 0 && two.activeTasks() > 0);

            // Registered while the pipeline runs: it applies to the articles processed afterwards.
            writeSubscription(clients, topics, Subscriptions.of("ferries", "ferry NEAR/5 sailings", List.of(), MONDAY));

            String original = idOnPartition("wire", 0);
            String abridgedCopy = idOnPartition("abridged", 3);
            String earlyCopy = idOnPartition("early", 1);
            String lateOriginal = idOnPartition("late", 2);

            send(producer, topics, article(original, ScaleFixtures.HARBOR, MONDAY));
            readEnriched(clients, topics, 1);
            send(producer, topics, article(abridgedCopy, ScaleFixtures.harborAbridged(), MONDAY.plusSeconds(60)));
            // A copy ingested before the article it copies: the story still forms one cluster.
            send(producer, topics, article(earlyCopy, ScaleFixtures.bridgeRestyled(), MONDAY.plusSeconds(120)));
            readEnriched(clients, topics, 3);
            send(producer, topics, article(lateOriginal, ScaleFixtures.BRIDGE, MONDAY.plusSeconds(180)));
            // Copies of one story at the same moment on every partition: each instance finds some before others.
            List<String> twins = new ArrayList<>();
            List<String> versions = ScaleFixtures.ferryVersions();
            for (int i = 0; i < versions.size(); i++) {
                twins.add(idOnPartition("twin-" + i, i % PARTITIONS));
            }
            List<RawArticle> simultaneous = new ArrayList<>();
            for (int i = 0; i < versions.size(); i++) {
                simultaneous.add(article(twins.get(i), versions.get(i), MONDAY.plusSeconds(240)));
            }
            sendAll(producer, topics, simultaneous);

            Map<String, EnrichedArticle> byId = readEnriched(clients, topics, 4 + versions.size());
            assertEquals(DedupStatus.ORIGINAL, byId.get(original).getDedup().getStatus());
            assertEquals(DedupStatus.COPY, byId.get(abridgedCopy).getDedup().getStatus());
            assertEquals(original, byId.get(abridgedCopy).getDedup().getClusterId());
            assertEquals(byId.get(earlyCopy).getDedup().getClusterId(), byId.get(lateOriginal).getDedup().getClusterId());
            assertNotEquals(byId.get(original).getDedup().getClusterId(), byId.get(lateOriginal).getDedup().getClusterId());
            List<EnrichedArticle> ferry = twins.stream().map(byId::get).toList();
            assertEquals(1, ferry.stream().filter(a -> a.getDedup().getStatus() == DedupStatus.ORIGINAL).count(),
                    "exactly one original among copies processed at once: " + verdicts(ferry));
            assertEquals(1, ferry.stream().map(a -> a.getDedup().getClusterId()).distinct().count(), verdicts(ferry));
            assertNotEquals(byId.get(original).getDedup().getClusterId(), ferry.get(0).getDedup().getClusterId());

            // Six copies of the ferry story on four partitions and two instances: one alert. A duplicate would trail
            // the first by a commit or two; give it the time to show.
            PipelineScenario.readAtLeast(clients, topics.alerts().name(), 1);
            Thread.sleep(2_000);
            List<Alert> alerts = PipelineScenario.readAtLeast(clients, topics.alerts().name(), 1).stream()
                    .map(r -> topics.alerts().valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
            assertEquals(1, alerts.size(), alerts.toString());
            assertEquals(ferry.get(0).getDedup().getClusterId(), alerts.get(0).getClusterId());
            assertEquals("ferries", alerts.get(0).getSubscriptionId());
        }
    }

    private static void writeSubscription(KafkaClients clients, Topics topics, Subscription s) throws Exception {
        try (KafkaProducer<String, Subscription> producer = new KafkaProducer<>(clients.producer(),
                topics.subscriptions().keySerde().serializer(), topics.subscriptions().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.subscriptions().name(), s.getId(), s)).get();
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, Topics topics, RawArticle a) throws Exception {
        sendAll(producer, topics, List.of(a));
    }

    /** Sends the articles in one batch, so they reach their partitions at about the same moment. */
    private static void sendAll(KafkaProducer<byte[], byte[]> producer, Topics topics, List<RawArticle> articles)
            throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (RawArticle a : articles) {
            sent.add(producer.send(new ProducerRecord<>(topics.raw().name(), null, MONDAY.toEpochMilli(),
                    a.getId().getBytes(), topics.raw().valueSerde().serializer().serialize("", a))));
        }
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
    }

    private static String verdicts(List<EnrichedArticle> articles) {
        return articles.stream().map(a -> a.getId() + "=" + a.getDedup().getStatus() + "/" + a.getDedup().getClusterId())
                .toList().toString();
    }

    private static Map<String, EnrichedArticle> readEnriched(KafkaClients clients, Topics topics, int count) {
        Map<String, EnrichedArticle> byId = new HashMap<>();
        for (var r : PipelineScenario.readAtLeast(clients, topics.enriched().name(), count)) {
            EnrichedArticle a = topics.enriched().valueSerde().deserializer().deserialize(r.topic(), r.value());
            byId.put(a.getId(), a);
        }
        return byId;
    }

    /** Three unrelated stories written for this test, and syndicated versions of them. */
    static final class ScaleFixtures {
        static final String HARBOR = String.join("\n\n", List.of(
                "The state harbor authority approved a $48 million plan on Tuesday to deepen the shipping channel in "
                        + "Casco Bay, clearing the way for larger container vessels to call at Portland by 2028.",
                "The vote was 5-2 after a three-hour hearing in which fishermen warned that dredging would disturb "
                        + "lobster grounds near Cushing Island.",
                "Contractors would remove about 1.2 million cubic yards of sediment over two winters, when lobster "
                        + "activity is lowest, officials said.",
                "The Army Corps of Engineers is expected to issue its final permit in the spring, and federal grants "
                        + "would cover roughly 60 percent of the cost."));
        static final String BRIDGE = String.join("\n\n", List.of(
                "Engineers closed the Riverside Avenue bridge in Millbrook on Wednesday after inspectors found cracks "
                        + "in two of its steel girders, diverting about 18,000 vehicles a day.",
                "City engineer Paula Grandin said repairs would take at least six weeks and cost an estimated $3.2 "
                        + "million, most of it from the state's emergency bridge fund.",
                "Buses on routes 4 and 11 will detour over the Canal Street crossing, adding about 15 minutes to "
                        + "each trip during the morning rush, the transit agency said.",
                "The 1964 span was last rated in fair condition two years ago and had been scheduled for replacement "
                        + "in 2029, according to state records."));
        static final String FERRY = String.join("\n\n", List.of(
                "The island ferry service will add three daily sailings between Harbortown and Gull Island from June "
                        + "1, the regional transport board decided on Thursday.",
                "Board member Lionel Ashcroft said ridership had grown 22 percent since the new terminal opened and "
                        + "that the extra trips would cost $640,000 a year.",
                "Fares will stay at $7 for adults, while a monthly pass for island residents will fall to $95, the "
                        + "board said."));

        static String harborAbridged() {
            return String.join("\n\n", List.of(HARBOR.split("\n\n")).subList(0, 2));
        }

        static String bridgeRestyled() {
            return BRIDGE.replace("$3.2 million", "3.2 million dollars").replace("Wednesday", "Wednesday morning")
                    + "\n\nCopyright 2026 Millbrook Gazette. All rights reserved.";
        }

        /** The ferry story as six outlets ran it. */
        static List<String> ferryVersions() {
            return List.of(FERRY,
                    "Gull Island residents will soon have more ways to reach the mainland.\n\n" + FERRY,
                    FERRY + "\n\nCopyright 2026 Harbortown Herald. All rights reserved.",
                    "HARBORTOWN (Coastal Wire) — " + FERRY.replace("Thursday", "Thursday evening"),
                    FERRY.replace("22 percent", "22%").replace("$640,000", "640,000 dollars"),
                    "Commuters cheered the news at the terminal.\n\n" + FERRY + "\n\nRelated: Ferry fares through the years");
        }

        private ScaleFixtures() {
        }
    }
}
