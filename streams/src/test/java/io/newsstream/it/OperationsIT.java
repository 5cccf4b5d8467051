package io.newsstream.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.alert.Subscriptions;
import io.newsstream.classify.LabelScore;
import io.newsstream.classify.Taxonomy;
import io.newsstream.classify.TopicClassifier;
import io.newsstream.cli.Newsstream;
import io.newsstream.config.NewsstreamConfig;
import io.newsstream.config.TopicNames;
import io.newsstream.kafka.EmbeddedKafkaBroker;
import io.newsstream.kafka.KafkaClients;
import io.newsstream.kafka.TopicProvisioner;
import io.newsstream.kafka.Topics;
import io.newsstream.normalize.CanonicalTokens;
import io.newsstream.normalize.NormalizedArticle;
import io.newsstream.normalize.TextNormalizer;
import io.newsstream.ops.ApplicationReset;
import io.newsstream.ops.ApplicationStatus;
import io.newsstream.ops.EnrichedComparison;
import io.newsstream.ops.EnrichedSnapshot;
import io.newsstream.ops.ReplayPlan;
import io.newsstream.ops.Replayer;
import io.newsstream.ops.SideRun;
import io.newsstream.ops.StatusProbe;
import io.newsstream.pipeline.Pipeline;
import io.newsstream.schema.DedupStatus;
import io.newsstream.schema.EnrichedArticle;
import io.newsstream.schema.RawArticle;
import io.newsstream.schema.Subscription;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operations commands on the in-JVM broker: {@code replay} (exact copies of a time window, exactly once across a
 * crash, no group's offsets moved, idempotent through the live pipeline) and {@code status} (lag against the group's
 * committed offsets, instances, problems).
 */
class OperationsIT {

    private static final int PARTITIONS = 3;
    private static final int RECORDS = 300;
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T08:00:00Z"), java.time.ZoneOffset.UTC);
    private static EmbeddedKafkaBroker broker;
    private static KafkaClients clients;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start(0, PipelineScenario.testDir("replay-broker-" + UUID.randomUUID()));
        clients = new KafkaClients(broker.bootstrapServers(), NewsstreamConfig.defaultConfig());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** A topic of {@value #RECORDS} records one second apart from {@link #T0}, each with a header, keyed "k<i>". */
    private static String sourceTopic() throws Exception {
        String topic = "replay-src-" + UUID.randomUUID();
        try (Admin admin = Admin.create(clients.common())) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer(), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                RecordHeaders headers = new RecordHeaders();
                headers.add("origin", ("file-" + i).getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(topic, null, T0.plusSeconds(i).toEpochMilli(), bytes("k" + i), bytes("v" + i), headers));
            }
        }
        return topic;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.readCommittedConsumer(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    private static Replayer.Request window(String source, String target) {
        return new Replayer.Request(source, target, T0.plusSeconds(100), Optional.of(T0.plusSeconds(220)), 0);
    }

    @Test
    void shouldCopyAWindowUnchangedWithoutMovingAnyGroupsOffsets() throws Exception {
        String source = sourceTopic();
        String target = source + ".side";
        // A live application's group, part-way through the topic.
        Map<TopicPartition, OffsetAndMetadata> live = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            live.put(new TopicPartition(source, p), new OffsetAndMetadata(7));
        }
        try (Admin admin = Admin.create(clients.common())) {
            admin.alterConsumerGroupOffsets("live-app", live).all().get();
        }
        Replayer replayer = new Replayer(clients, CLOCK);
        ReplayPlan plan = replayer.plan(window(source, target));
        assertEquals(120, plan.total(), plan.describe());
        assertEquals(120, replayer.run(window(source, target), plan, (done, total) -> { }, -1));

        List<ConsumerRecord<byte[], byte[]>> copies = readCommitted(target);
        List<ConsumerRecord<byte[], byte[]>> originals = readCommitted(source);
        assertEquals(120, copies.size());
        Map<String, ConsumerRecord<byte[], byte[]>> byKey = new HashMap<>();
        originals.forEach(r -> byKey.put(text(r.key()), r));
        for (ConsumerRecord<byte[], byte[]> copy : copies) {
            ConsumerRecord<byte[], byte[]> original = byKey.get(text(copy.key()));
            int i = Integer.parseInt(text(copy.key()).substring(1));
            assertTrue(i >= 100 && i < 220, "outside the window: " + i);
            assertArrayEquals(original.value(), copy.value());
            assertEquals(original.timestamp(), copy.timestamp());
            assertEquals(original.partition(), copy.partition());
            assertArrayEquals(original.headers().lastHeader("origin").value(), copy.headers().lastHeader("origin").value());
            assertEquals(source + "/" + original.partition() + "/" + original.offset(),
                    text(copy.headers().lastHeader(Replayer.SOURCE_HEADER).value()));
            assertEquals("2026-12-06T08:00:00Z", text(copy.headers().lastHeader(Replayer.AT_HEADER).value()));
        }
        try (Admin admin = Admin.create(clients.common())) {
            assertEquals(live, admin.listConsumerGroupOffsets("live-app").partitionsToOffsetAndMetadata().get(),
                    "the live group's offsets did not move");
        }
        assertEquals(0, replayer.plan(window(source, target)).remaining(), "run again: nothing left");
    }

    @Test
    void shouldWriteEachRecordOnceWhenRunAgainAfterACrash() throws Exception {
        String source = sourceTopic();
        String target = source + ".again";
        Replayer replayer = new Replayer(clients, CLOCK);
        Replayer.Request request = new Replayer.Request(source, target, T0.plusSeconds(50), Optional.empty(), 0);
        ReplayPlan first = replayer.plan(request);
        assertEquals(250, first.total());
        // Crash part-way through a transaction: the records sent in it are written but never committed.
        assertEquals(170, replayer.run(request, first, (done, total) -> { }, 170));
        ReplayPlan resumed = replayer.plan(request);
        assertEquals(250, resumed.total(), "the same range");
        assertTrue(resumed.remaining() > 0 && resumed.remaining() <= 250, resumed.describe());
        replayer.run(request, resumed, (done, total) -> { }, -1);

        List<String> keys = readCommitted(target).stream().map(r -> text(r.key())).sorted().toList();
        assertEquals(250, keys.size(), "each record once");
        assertEquals(250, keys.stream().distinct().count());
        assertEquals(0, replayer.plan(request).remaining());
    }

    @Test
    void shouldReplayIntoItsOwnTopicWithoutReachingItsCopies() throws Exception {
        String source = sourceTopic();
        Replayer replayer = new Replayer(clients, CLOCK);
        Replayer.Request request = new Replayer.Request(source, source, T0.plusSeconds(250), Optional.empty(), 0);
        replayer.run(request, replayer.plan(request), (done, total) -> { }, -1);
        List<ConsumerRecord<byte[], byte[]>> all = readCommitted(source);
        assertEquals(RECORDS + 50, all.size());
        assertEquals(50, all.stream().filter(r -> r.headers().lastHeader(Replayer.SOURCE_HEADER) != null).count());
        assertEquals(0, replayer.plan(request).remaining(), "its end stayed where it was when it began");
    }

    @Test
    void shouldPlanADryRunWithoutWritingAnything() throws Exception {
        String source = sourceTopic();
        String target = source + ".dry";
        ReplayPlan plan = new Replayer(clients, CLOCK).plan(window(source, target));
        assertEquals(PARTITIONS, plan.ranges().size());
        assertEquals(120, plan.ranges().stream().mapToLong(ReplayPlan.Range::total).sum());
        assertTrue(plan.describe().contains("120 offsets, 120 left"), plan.describe());
        try (Admin admin = Admin.create(clients.common())) {
            assertTrue(!admin.listTopics().names().get().contains(target), "a plan creates nothing");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Replayer(clients, CLOCK).plan(window("no-such-topic", "x")));
        assertNotNull(e.getMessage());
    }

    /**
     * Raw articles replayed through the live pipeline: each gets the verdict and story it got the first time, no
     * article becomes a copy of itself, no story is added and no alert is raised again.
     */
    @Test
    void shouldGiveReplayedArticlesTheirFirstVerdictsWithoutNewStoriesOrAlerts() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        NewsstreamConfig config = pipelineConfig("replay-" + run, run);
        Topics topics = new Topics(config.topics());
        Taxonomy taxonomy = Taxonomy.builtIn();
        provision(config, taxonomy);
        try (KafkaProducer<String, Subscription> producer = new KafkaProducer<>(clients.producer(),
                topics.subscriptions().keySerde().serializer(), topics.subscriptions().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.subscriptions().name(), "dredging",
                    Subscriptions.of("dredging", "dredging", List.of(), T0))).get();
        }
        List<RawArticle> articles = List.of(
                raw("harbor", ScaleOutIT.ScaleFixtures.HARBOR, T0),
                raw("harbor-copy", ScaleOutIT.ScaleFixtures.harborAbridged(), T0.plusSeconds(60)),
                raw("ferry", ScaleOutIT.ScaleFixtures.FERRY, T0.plusSeconds(120)));
        try (Pipeline pipeline = Pipeline.start(config, clients, taxonomy);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer(), new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            sendRaw(producer, topics, articles);
            List<EnrichedArticle> first = enriched(topics, 3);
            assertEquals(1, PipelineScenario.readAtLeast(clients, topics.alerts().name(), 1).size());
            int stories = storyIds(topics).size();
            assertEquals(2, stories);

            Replayer.Request request = new Replayer.Request(topics.raw().name(), topics.raw().name(), T0, Optional.empty(), 0);
            Replayer replayer = new Replayer(clients, CLOCK);
            assertEquals(3, replayer.run(request, replayer.plan(request), (done, total) -> { }, -1));

            List<EnrichedArticle> all = enriched(topics, 6);
            assertEquals(6, all.size());
            Map<String, List<EnrichedArticle>> byId = new HashMap<>();
            all.forEach(a -> byId.computeIfAbsent(a.getId(), k -> new ArrayList<>()).add(a));
            for (EnrichedArticle a : first) {
                List<EnrichedArticle> twice = byId.get(a.getId());
                assertEquals(2, twice.size(), a.getId());
                assertEquals(a.getDedup(), twice.get(1).getDedup(), "the same verdict and story for " + a.getId());
            }
            assertTrue(all.stream().noneMatch(a -> a.getDedup().getStatus() == DedupStatus.COPY
                    && a.getDedup().getCanonicalId().equals(a.getId())), "no article is a copy of itself");
            assertEquals(DedupStatus.COPY, byId.get("harbor-copy").get(1).getDedup().getStatus());
            assertEquals(stories, storyIds(topics).size(), "no new story");
            assertEquals(1, PipelineScenario.readToEnd(clients, topics.alerts().name()).size(), "no alert again");

            // Status while it runs: an instance, and lag against exactly the offsets the group committed.
            StatusProbe probe = new StatusProbe(clients, Clock.systemUTC());
            await().atMost(Duration.ofSeconds(60)).until(() -> probe.probe(config.applicationId(), topics.raw().name(),
                    topics.enriched().name(), topics.dlq().name(), Duration.ZERO).totalLag() == 0);
            ApplicationStatus status = probe.probe(config.applicationId(), topics.raw().name(), topics.enriched().name(),
                    topics.dlq().name(), Duration.ZERO);
            assertTrue(status.instances().size() >= 1, status.describe());
            assertTrue(status.problem().isEmpty(), status.describe());
            assertEquals(6, status.lag().stream().filter(l -> l.topic().equals(topics.raw().name()))
                    .mapToLong(ApplicationStatus.PartitionLag::committed).sum(), status.describe());
            assertCommittedAsTheGroup(config.applicationId(), status);
        }
    }

    @Test
    void shouldReportLagAgainstTheGroupsCommittedOffsetsAndNoInstanceAsAProblem() throws Exception {
        String raw = "status-raw-" + UUID.randomUUID();
        try (Admin admin = Admin.create(clients.common())) {
            admin.createTopics(List.of(new NewTopic(raw, PARTITIONS, (short) 1))).all().get();
        }
        long tenSecondsAgo = Instant.now().minusSeconds(10).toEpochMilli();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer(), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int p = 0; p < PARTITIONS; p++) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(raw, p, tenSecondsAgo + i, bytes("k" + i), bytes("v" + i))).get();
                }
            }
        }
        String app = "status-app-" + UUID.randomUUID();
        try (Admin admin = Admin.create(clients.common())) {
            admin.alterConsumerGroupOffsets(app, Map.of(new TopicPartition(raw, 0), new OffsetAndMetadata(4),
                    new TopicPartition(raw, 1), new OffsetAndMetadata(10))).all().get();
        }
        ApplicationStatus status = new StatusProbe(clients, Clock.systemUTC()).probe(app, raw, "no-enriched", "no-dlq", Duration.ZERO);
        Map<Integer, Long> lag = new HashMap<>();
        status.lag().forEach(l -> lag.put(l.partition(), l.lag()));
        assertEquals(Map.of(0, 6L, 1, 0L, 2, 10L), lag, status.describe());
        assertEquals(16, status.totalLag());
        assertEquals(30, status.rawLastMinute());
        assertTrue(status.instances().isEmpty());
        assertTrue(status.problem().orElseThrow().contains("no instance"), status.describe());
        long waited = status.oldestUnprocessed().orElseThrow().toSeconds();
        assertTrue(waited >= 9 && waited < 120, "the oldest waiting record is ~10 s old: " + waited);
        assertCommittedAsTheGroup(app, status);
    }

    private static void assertCommittedAsTheGroup(String app, ApplicationStatus status) throws Exception {
        try (Admin admin = Admin.create(clients.common())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(app).partitionsToOffsetAndMetadata().get();
            for (ApplicationStatus.PartitionLag l : status.lag()) {
                OffsetAndMetadata c = committed.get(new TopicPartition(l.topic(), l.partition()));
                assertEquals(c == null ? -1 : c.offset(), l.committed(), l.toString());
            }
        }
    }

    /**
     * A reprocess with another taxonomy beside the live pipeline: it writes only to its .NAME topics, and compare
     * reports exactly the labels the change adds and removes (worked out here by classifying the same articles with
     * each side's classifier).
     */
    @Test
    void shouldReprocessBesideTheLivePipelineAndCompareExactlyWhatTheTaxonomyChanged() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        NewsstreamConfig live = pipelineConfig("ops-live-" + run, run);
        Topics liveTopics = new Topics(live.topics());
        Taxonomy builtIn = Taxonomy.builtIn();
        provision(live, builtIn);
        List<RawArticle> articles = List.of(
                raw("harbor", ScaleOutIT.ScaleFixtures.HARBOR, T0),
                raw("ferry", ScaleOutIT.ScaleFixtures.FERRY, T0.plusSeconds(60)),
                raw("raid", "Mexican marines raided a cartel drug laboratory in Sinaloa on Monday, seizing fentanyl and "
                        + "arresting eleven suspected members of the Sinaloa Cartel, the navy said.", T0.plusSeconds(120)));
        Path taxonomyFile = PipelineScenario.testDir("ops-taxonomy-" + run).resolve("harbors.json");
        Files.writeString(taxonomyFile, """
                {"name": "harbour desk", "version": "1", "labels": [
                  {"label": "harbors", "threshold": 0.5, "scale": 2.0, "terms": {"harbor": 2.0, "dredging": 2.0, "ferry": 1.0}},
                  {"label": "cartels", "threshold": 0.9, "scale": 50.0, "terms": {"cartel": 1.0}}]}
                """);
        NewsstreamConfig side = SideRun.config(live.with(Map.of("taxonomy", taxonomyFile.toString(),
                "state.dir", PipelineScenario.testDir("ops-side-state-" + run).toString())), "trial");
        Taxonomy harbors = Taxonomy.load(side.taxonomyFile());
        try (Pipeline pipeline = Pipeline.start(live, clients, builtIn);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer(), new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            sendRaw(producer, liveTopics, articles);
            enriched(liveTopics, 3);
            Set<String> before = topicNames();

            SideRun.prepare(clients, side, "trial", harbors.labelNames(), Optional.empty());
            try (Pipeline reprocess = Pipeline.start(side, clients, harbors)) {
                Topics sideTopics = new Topics(side.topics());
                assertEquals(3, enriched(sideTopics, 3).size());
                Set<String> created = topicNames();
                created.removeAll(before);
                assertTrue(created.stream().allMatch(t -> t.endsWith(".trial") || t.startsWith("newsstream-trial-")
                        || t.equals(SideRun.REGISTRY)), "only side topics are new: " + created);
                assertEquals(3, PipelineScenario.readToEnd(clients, liveTopics.enriched().name()).size(), "live output untouched");

                Deserializer<EnrichedArticle> serde = liveTopics.enriched().valueSerde().deserializer();
                EnrichedComparison.Report report = EnrichedComparison.compare(
                        EnrichedSnapshot.read(clients, liveTopics.enriched().name(), Optional.empty(), serde),
                        EnrichedSnapshot.read(clients, sideTopics.enriched().name(), Optional.empty(), serde));
                TopicClassifier liveClassifier = Pipeline.classifier(live, builtIn);
                TopicClassifier sideClassifier = Pipeline.classifier(side, harbors);
                Set<String> labels = new TreeSet<>(builtIn.labelNames());
                labels.addAll(harbors.labelNames());
                for (String label : labels) {
                    List<String> added = new ArrayList<>();
                    List<String> removed = new ArrayList<>();
                    for (RawArticle a : articles) {
                        boolean was = assigned(liveClassifier, a).contains(label);
                        boolean is = assigned(sideClassifier, a).contains(label);
                        if (is && !was) {
                            added.add(a.getId());
                        } else if (was && !is) {
                            removed.add(a.getId());
                        }
                    }
                    EnrichedComparison.LabelChange change = report.labels().stream().filter(c -> c.label().equals(label))
                            .findFirst().orElse(null);
                    long reportedAdded = change == null ? 0 : change.added().count();
                    long reportedRemoved = change == null ? 0 : change.removed().count();
                    assertEquals(added.size(), reportedAdded, label + " added " + added + ": " + report.table("live", "trial"));
                    assertEquals(removed.size(), reportedRemoved, label + " removed " + removed + ": " + report.table("live", "trial"));
                }
                assertTrue(report.labels().stream().anyMatch(c -> c.label().equals("harbors") && c.added().count() > 0),
                        report.table("live", "trial"));
                assertEquals(3, report.compared());
                assertEquals(0, report.onlyInA().count() + report.onlyInB().count());
            }
            // Another name's topics are refused: a side topic that exists without its claim.
            NewsstreamConfig other = SideRun.config(live, "other");
            try (Admin admin = Admin.create(clients.common())) {
                admin.createTopics(List.of(new NewTopic(other.topics().enriched(), 1, (short) 1))).all().get();
            }
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> SideRun.prepare(clients, other, "other", builtIn.labelNames(), Optional.empty()));
            assertTrue(refused.getMessage().contains(other.topics().enriched()), refused.getMessage());
            assertThrows(IllegalArgumentException.class, () -> SideRun.config(live.with(Map.of("application.id", "newsstream-x")), "x"));
        }
    }

    /**
     * Reset refuses while an instance runs, naming it; after the stop it moves the raw offsets back and deletes the
     * internal topics and local state, and the next run processes every article again.
     */
    @Test
    void shouldResetAStoppedPipelineToReprocessFromTheStart() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        NewsstreamConfig config = pipelineConfig("ops-reset-" + run, run);
        Topics topics = new Topics(config.topics());
        Taxonomy taxonomy = Taxonomy.builtIn();
        provision(config, taxonomy);
        ApplicationReset reset = new ApplicationReset(clients);
        try (Pipeline pipeline = Pipeline.start(config, clients, taxonomy);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer(), new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            sendRaw(producer, topics, List.of(raw("harbor", ScaleOutIT.ScaleFixtures.HARBOR, T0),
                    raw("ferry", ScaleOutIT.ScaleFixtures.FERRY, T0)));
            assertEquals(2, enriched(topics, 2).size());
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> reset.plan(config.applicationId(), topics.raw().name(), Optional.empty(), config.stateDir().orElseThrow()));
            assertTrue(refused.getMessage().contains("instance(s) run"), refused.getMessage());
        }
        ApplicationReset.Plan plan = reset.plan(config.applicationId(), topics.raw().name(), Optional.empty(),
                config.stateDir().orElseThrow());
        assertTrue(plan.internalTopics().stream().anyMatch(t -> t.endsWith("-repartition")), plan.describe());
        assertTrue(plan.internalTopics().stream().anyMatch(t -> t.endsWith("-changelog")), plan.describe());
        assertTrue(plan.localState().isPresent(), plan.describe());
        reset.execute(plan);
        try (Admin admin = Admin.create(clients.common())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.applicationId())
                    .partitionsToOffsetAndMetadata().get();
            committed.forEach((tp, o) -> assertEquals(0, o.offset(), tp.toString()));
            Set<String> left = admin.listTopics().names().get();
            await().atMost(Duration.ofSeconds(30)).until(() -> plan.internalTopics().stream()
                    .noneMatch(t -> topicNamesQuietly().contains(t)));
            assertTrue(left.containsAll(List.of(topics.raw().name(), topics.enriched().name())), "inputs and outputs kept");
        }
        assertTrue(Files.notExists(plan.localState().orElseThrow()));
        try (Pipeline again = Pipeline.start(config, clients, taxonomy)) {
            List<EnrichedArticle> all = enriched(topics, 4);
            assertEquals(4, all.size(), "both articles processed again");
            assertEquals(4, all.stream().filter(a -> a.getDedup().getStatus() == DedupStatus.ORIGINAL).count(),
                    "the same verdicts: each is an original again, not a copy of its first run");
        }
    }

    /** {@code topics create} makes what is missing, leaves what exists, and {@code describe} shows how it differs. */
    @Test
    void shouldCreateMissingTopicsAndShowHowExistingOnesDiffer() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        NewsstreamConfig config = pipelineConfig("ops-topics-" + run, run);
        try (Admin admin = Admin.create(clients.common())) {
            admin.createTopics(List.of(new NewTopic(config.topics().stories(), 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "delete")))).all().get();
        }
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", broker.bootstrapServers(), "--set", "partitions=2"));
        TopicNames names = config.topics();
        Map<String, String> topicSettings = Map.of("raw", names.raw(), "rejected", names.rejected(), "enriched", names.enriched(),
                "dlq", names.dlq(), "stories", names.stories(), "subscriptions", names.subscriptions(), "alerts", names.alerts(),
                "label-pattern", names.labelTopic());
        topicSettings.forEach((key, name) -> args.addAll(List.of("--set", "topic." + key + "=" + name)));
        StringWriter out = new StringWriter();
        List<String> create = new ArrayList<>(List.of("topics", "create"));
        create.addAll(args);
        int exit = Newsstream.commandLine().setOut(new PrintWriter(out)).execute(create.toArray(String[]::new));
        assertEquals(1, exit, out.toString());
        String table = out.toString();
        assertTrue(table.contains(config.topics().stories()) && table.contains("partitions 1 (configured 2)")
                && table.contains("cleanup.policy=delete (newsstream sets compact)"), table);
        assertTrue(table.lines().filter(l -> l.startsWith(config.topics().raw() + " ")).allMatch(l -> l.contains("as configured")), table);
        assertTrue(topicNames().containsAll(List.of(config.topics().raw(), config.topics().enriched(), config.topics().alerts())));
    }

    private static Set<String> topicNamesQuietly() {
        try {
            return topicNames();
        } catch (Exception e) {
            return Set.of();
        }
    }

    private static Set<String> assigned(TopicClassifier classifier, RawArticle a) {
        NormalizedArticle text = new TextNormalizer().normalize(a.getTitle(), a.getBody());
        return classifier.classify(text, CanonicalTokens.withOffsets(text.fullText())).stream().filter(LabelScore::assigned)
                .map(LabelScore::label).collect(Collectors.toSet());
    }

    private static Set<String> topicNames() throws Exception {
        try (Admin admin = Admin.create(clients.common())) {
            return new HashSet<>(admin.listTopics().names().get());
        }
    }

    private static NewsstreamConfig pipelineConfig(String applicationId, String run) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "application.id", applicationId,
                "partitions", "2",
                "state.dir", PipelineScenario.testDir("ops-state-" + applicationId).toString(),
                "topic.label-pattern", "ops." + run + ".topic.%s"));
        for (String topic : List.of("raw", "rejected", "enriched", "dlq", "stories", "subscriptions", "alerts")) {
            settings.put("topic." + topic, "ops." + run + "." + topic);
        }
        return NewsstreamConfig.defaultConfig().with(settings);
    }

    private static void provision(NewsstreamConfig config, Taxonomy taxonomy) {
        Topics topics = new Topics(config.topics());
        TopicProvisioner.ensureTopics(clients, topics.specs(topics.allNames(taxonomy.labelNames()), config.rawRetention()),
                config.partitions(), config.replicationFactor());
    }

    /** Each article to the raw topic, keyed by id, stamped with its ingest time. */
    private static void sendRaw(KafkaProducer<byte[], byte[]> producer, Topics topics, List<RawArticle> articles) throws Exception {
        for (RawArticle a : articles) {
            producer.send(new ProducerRecord<>(topics.raw().name(), null, a.getIngestedAt().toEpochMilli(), bytes(a.getId()),
                    topics.raw().valueSerde().serializer().serialize("", a))).get();
        }
    }

    private static RawArticle raw(String id, String body, Instant ingested) {
        return RawArticle.newBuilder().setId(id).setOrigin(id + ".txt").setTitle("Headline of " + id).setBody(body)
                .setIngestedAt(ingested).setPublishedAt(ingested).build();
    }

    private static List<EnrichedArticle> enriched(Topics topics, int count) {
        return PipelineScenario.readAtLeast(clients, topics.enriched().name(), count).stream()
                .map(r -> topics.enriched().valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
    }

    private static Set<String> storyIds(Topics topics) {
        Set<String> ids = new HashSet<>();
        PipelineScenario.readToEnd(clients, topics.stories().name()).forEach(r -> ids.add(text(r.key())));
        return ids;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
