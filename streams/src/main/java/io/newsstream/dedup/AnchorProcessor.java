package io.newsstream.dedup;

import io.newsstream.kafka.AvroSerde;
import io.newsstream.kafka.RetentionCutoff;
import io.newsstream.schema.AnchorAnswer;
import io.newsstream.schema.AnchorEntry;
import io.newsstream.schema.AnchorMatch;
import io.newsstream.schema.AnchorProbe;
import io.newsstream.schema.ArticleStory;
import io.newsstream.schema.DedupMessage;
import io.newsstream.schema.Signature;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Candidate lookup, partitioned by anchor so that articles sharing an anchor meet on one partition whatever
 * partition or instance they came from. Input: {@link AnchorProbe}s keyed by anchor, each covering the article's
 * anchors on this partition — lookups (with a signature) and cluster updates (without). Output, keyed by article
 * id: one {@link AnchorAnswer} per lookup (every candidate found, and the anchors that kept the article), and a
 * correction for each article that found an article before its verdict was out, once it is ({@link ArticleStories}).
 *
 * <p>Owns three stores. {@value #STORE}: one entry per article and anchor, written once, keyed
 * {@code anchor/event time/article id} so an anchor's entries are one prefix scan (most anchors hold none or one)
 * and expiry is decided from the key alone. {@value #SIGNATURES}: the article's signature, once per partition
 * rather than in each of its entries here (it is most of an entry's size), keyed {@code event time/article id}.
 * {@value #STORIES}: per article id, its settled story or its watchers. All drop what is older than the retention
 * (event time) in a wall-clock punctuator.
 */
public final class AnchorProcessor implements Processor<Long, AnchorProbe, String, DedupMessage> {

    public static final String STORE = "dedup-anchor-store";
    public static final String STORIES = "dedup-article-story-store";
    public static final String SIGNATURES = "dedup-signature-store";

    private static final Logger LOG = LoggerFactory.getLogger(AnchorProcessor.class);
    private static final AvroSerde<AnchorEntry> ENTRIES = AvroSerde.of(AnchorEntry.class);
    private static final AvroSerde<Signature> SIGNATURE = AvroSerde.of(Signature.class);
    private static final StringSerializer PREFIX = new StringSerializer();
    private static final int MAX_EVICTIONS = 50_000;
    /** What an entry carries in place of its signature, which is in {@value #SIGNATURES}. */
    private static final Signature IN_SIGNATURE_STORE = new Signature(ByteBuffer.allocate(0), 0, ByteBuffer.allocate(0),
            ByteBuffer.allocate(0), 0);

    private final AnchorBuckets buckets;
    private final Duration retention;
    private final Duration evictionInterval;
    private ProcessorContext<String, DedupMessage> context;
    private KeyValueStore<String, byte[]> store;
    private KeyValueStore<String, ArticleStory> stories;
    private KeyValueStore<String, byte[]> signatures;
    private long lastArrival;

    public AnchorProcessor(AnchorBuckets buckets, Duration retention, Duration evictionInterval) {
        this.buckets = buckets;
        this.retention = retention;
        this.evictionInterval = evictionInterval;
    }

    @Override
    public void init(ProcessorContext<String, DedupMessage> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.stories = context.getStateStore(STORIES);
        this.signatures = context.getStateStore(SIGNATURES);
        context.schedule(evictionInterval, PunctuationType.WALL_CLOCK_TIME, now -> evictExpired());
    }

    @Override
    public void process(Record<Long, AnchorProbe> record) {
        AnchorProbe probe = record.value();
        if (probe.getSignature() == null) {
            recordVerdict(record);
            return;
        }
        Instant eventTime = Instant.ofEpochMilli(record.timestamp());
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        long arrival = nextArrival();
        Map<String, AnchorMatch> matches = new LinkedHashMap<>();
        List<Long> stored = new ArrayList<>();
        Instant firstSeen = null;
        Map<String, Similarity> compared = new HashMap<>();
        Map<String, Optional<ArticleStory>> settled = new HashMap<>();
        Map<String, Signature> candidateSignatures = new HashMap<>();
        List<Instant> replacedTimes = new ArrayList<>();
        Function<String, ArticleStory> settledStory = id -> settled.computeIfAbsent(id,
                k -> Optional.ofNullable(stories.get(k)).filter(ArticleStories::isSettled)).orElse(null);
        // Smallest anchor first: each candidate is reported where the article found it first.
        for (long anchor : probe.getAnchors().stream().sorted().toList()) {
            List<AnchorEntry> entries = entriesOf(anchor, candidateSignatures);
            AnchorBuckets.Outcome outcome = buckets.probe(anchor, entries, probe, eventTime, now, arrival, compared, settledStory);
            outcome.matches().forEach(m -> matches.putIfAbsent(m.getCandidateId(), m));
            firstSeen = earliest(firstSeen, outcome.articleFirstSeen());
            if (outcome.stored()) {
                // A replay with another event time would leave the old entry behind under its old key.
                entries.stream().filter(e -> e.getArticleId().equals(probe.getArticleId())).forEach(e -> {
                    store.delete(key(anchor, e));
                    replacedTimes.add(e.getLastSeen());
                });
                AnchorEntry entry = AnchorEntry.newBuilder(outcome.entry()).setSignature(IN_SIGNATURE_STORE).build();
                store.put(key(anchor, entry), ENTRIES.encode(entry));
                stored.add(anchor);
            }
        }
        if (!stored.isEmpty()) {
            replacedTimes.stream().filter(t -> !t.equals(eventTime)).distinct()
                    .forEach(t -> signatures.delete(signatureKey(t, probe.getArticleId())));
            signatures.put(signatureKey(eventTime, probe.getArticleId()), SIGNATURE.encode(probe.getSignature()));
        }
        for (AnchorMatch m : matches.values()) {
            if (!m.getCandidateSettled()) {
                String candidate = m.getCandidateId();
                stories.put(candidate, ArticleStories.watched(stories.get(candidate), probe.getArticleId(), eventTime));
            }
        }
        // An article every anchor here turned away is remembered nowhere on this partition: its time is the probe's.
        AnchorAnswer answer = new AnchorAnswer(probe.getArticleId(), List.copyOf(matches.values()), stored,
                firstSeen != null ? firstSeen : probe.getClusterSince());
        context.forward(record.withKey(probe.getArticleId())
                .withValue(DedupMessage.newBuilder().setAnswer(answer).build()));
    }

    /** An article's verdict is out: its story is final here, and the articles that found it before hear it. */
    private void recordVerdict(Record<Long, AnchorProbe> record) {
        AnchorProbe update = record.value();
        String id = update.getArticleId();
        ArticleStory current = stories.get(id);
        stories.put(id, ArticleStories.settled(update, Instant.ofEpochMilli(record.timestamp())));
        List<AnchorMatch> corrections = ArticleStories.corrections(current, update);
        if (!corrections.isEmpty()) {
            LOG.debug("Task {}: verdict of {} ({}) goes to {} articles waiting for it", context.taskId(), id,
                    update.getClusterId(), corrections.size());
        }
        corrections.forEach(c -> context.forward(
                record.withKey(c.getArticleId()).withValue(DedupMessage.newBuilder().setMatch(c).build())));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    /**
     * The anchor's entries with their signatures, read from {@value #SIGNATURES} once per article and probe
     * ({@code cache}). Entries written before signatures had a store of their own still carry theirs.
     */
    private List<AnchorEntry> entriesOf(long anchor, Map<String, Signature> cache) {
        List<AnchorEntry> entries = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix(anchor), PREFIX)) {
            it.forEachRemaining(kv -> entries.add(ENTRIES.decode(kv.value)));
        }
        for (AnchorEntry e : entries) {
            if (inSignatureStore(e.getSignature())) {
                e.setSignature(cache.computeIfAbsent(signatureKey(e.getLastSeen(), e.getArticleId()), this::storedSignature));
            }
        }
        return entries;
    }

    private static boolean inSignatureStore(Signature signature) {
        return signature.getShingleCount() == 0 && !signature.getShingles().hasRemaining()
                && !signature.getFacts().hasRemaining();
    }

    /** An article's signature; if it is gone (it expires with the entries), one that matches nothing but the exact hash. */
    private Signature storedSignature(String key) {
        byte[] signature = signatures.get(key);
        return signature != null ? SIGNATURE.decode(signature) : IN_SIGNATURE_STORE;
    }

    /** Increasing within this task, and across restarts as long as the wall clock moves forward. */
    private long nextArrival() {
        lastArrival = Math.max(lastArrival + 1, context.currentSystemTimeMs() * 1000);
        return lastArrival;
    }

    /** {@code anchor/}: the anchor as 16 hex digits (two's complement), so an anchor's entries share a prefix. */
    private static String prefix(long anchor) {
        return padded(Long.toHexString(anchor), 16) + "/";
    }

    /** {@code anchor/event time/article id}, the event time as 13 decimal digits so keys sort by it. */
    private static String key(long anchor, AnchorEntry e) {
        return prefix(anchor) + signatureKey(e.getLastSeen(), e.getArticleId());
    }

    /** {@code event time/article id}, the event time as 13 decimal digits so keys sort by it. */
    private static String signatureKey(Instant eventTime, String articleId) {
        // Keys are built for every entry an article writes: by hand, not with String.format (a measurable cost).
        long millis = eventTime.toEpochMilli();
        String time = millis >= 0 ? padded(Long.toString(millis), 13) : String.format(Locale.ROOT, "%013d", millis);
        return time + "/" + articleId;
    }

    private static String padded(String digits, int width) {
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static long eventTimeOf(String key) {
        return Long.parseLong(key.substring(17, 30));
    }

    private static long signatureTimeOf(String key) {
        return Long.parseLong(key.substring(0, 13));
    }

    /**
     * Deletes anchor entries, signatures and story records older than the retention ({@link RetentionCutoff}). At most
     * {@value #MAX_EVICTIONS} deletions per store and run keep each transaction small; the rest go next time.
     */
    private void evictExpired() {
        OptionalLong expiry = RetentionCutoff.of(context, retention);
        if (expiry.isEmpty()) {
            return;
        }
        long cutoff = expiry.getAsLong();
        int entries = evict(store, e -> eventTimeOf(e.key) < cutoff);
        evict(signatures, s -> signatureTimeOf(s.key) < cutoff);
        evict(stories, s -> s.value.getLastSeen().toEpochMilli() < cutoff);
        if (entries > 0) {
            LOG.info("Task {}: evicted {} dedup anchor entries older than {}", context.taskId(), entries, retention);
        }
    }

    /** Deletes up to {@value #MAX_EVICTIONS} records of the store that are expired; returns how many. */
    private static <V> int evict(KeyValueStore<String, V> from, Predicate<KeyValue<String, V>> expired) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, V> all = from.all()) {
            while (all.hasNext() && keys.size() < MAX_EVICTIONS) {
                KeyValue<String, V> next = all.next();
                if (expired.test(next)) {
                    keys.add(next.key);
                }
            }
        }
        keys.forEach(from::delete);
        return keys.size();
    }
}
