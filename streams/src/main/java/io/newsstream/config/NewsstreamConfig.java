package io.newsstream.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The one immutable configuration of newsstream, built once from layers: built-in defaults, then a
 * properties file ({@code --config}), then environment variables ({@code NEWSSTREAM_DEDUP_RETENTION}
 * for {@code dedup.retention}), then command-line flags. Code receives typed values from here; nothing
 * else reads raw properties.
 */
public final class NewsstreamConfig {

    /** The keys this class understands, with their defaults; the README documents each one. */
    static final Map<String, String> DEFAULTS = defaults();

    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|jaas|token|key\\.pass).*");

    private final Map<String, String> values;
    private final Map<String, String> clientProperties;

    private NewsstreamConfig(Map<String, String> values, Map<String, String> clientProperties) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.clientProperties = Collections.unmodifiableMap(new TreeMap<>(clientProperties));
        validate();
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("bootstrap.servers", "");
        d.put("client.config", "");
        d.put("application.id", "newsstream");
        d.put("partitions", "6");
        d.put("replication.factor", "1");
        d.put("state.dir", "");
        d.put("commit.interval", "PT0.1S");
        d.put("stream.threads", "2");
        d.put("state.memory-mb", "1024");
        // A margin under Kafka's default 1 MiB record limit for the record's other fields (origin, id, times).
        d.put("ingest.max-bytes", "1000000");
        d.put("ingest.max-title-chars", "1000");
        d.put("dedup.retention", "P7D");
        d.put("dedup.eviction-interval", "PT10M");
        d.put("dedup.shards", "1");
        d.put("dedup.anchors", "4");
        d.put("dedup.anchor-every", "16");
        d.put("dedup.max-anchors", "48");
        d.put("dedup.signature-shingles", "256");
        d.put("dedup.anchor-capacity", "16");
        d.put("dedup.max-candidates", "32");
        d.put("story.max-members", "200");
        d.put("pipeline.thread-replacements", "3");
        d.put("taxonomy", "");
        d.put("classifier.model", "");
        d.put("classifier.context", "true");
        d.put("process.timeout", "PT5M");
        d.put("metrics.port", "");
        d.put("topic.raw-retention", "forever");
        d.put("topic.raw", TopicNames.DEFAULTS.raw());
        d.put("topic.rejected", TopicNames.DEFAULTS.rejected());
        d.put("topic.enriched", TopicNames.DEFAULTS.enriched());
        d.put("topic.dlq", TopicNames.DEFAULTS.dlq());
        d.put("topic.label-pattern", TopicNames.DEFAULTS.labelTopic());
        d.put("topic.stories", TopicNames.DEFAULTS.stories());
        d.put("topic.subscriptions", TopicNames.DEFAULTS.subscriptions());
        d.put("topic.alerts", TopicNames.DEFAULTS.alerts());
        return Collections.unmodifiableMap(d);
    }

    /** The built-in defaults alone. */
    public static NewsstreamConfig defaultConfig() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Returns a copy with the given keys overridden (validated like any other layer). */
    public NewsstreamConfig with(Map<String, String> overrides) {
        Builder b = new Builder();
        b.values.putAll(values);
        b.clientProperties.putAll(clientProperties);
        return b.overrides(overrides).build();
    }

    /** Bootstrap servers of the Kafka cluster; empty when the embedded broker should be used. */
    public Optional<String> bootstrapServers() {
        String v = values.get("bootstrap.servers");
        return v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** Extra Kafka client properties (SASL/SSL and the like) from {@code --client-config}. */
    public Map<String, String> clientProperties() {
        return clientProperties;
    }

    public String applicationId() {
        return values.get("application.id");
    }

    public int partitions() {
        return intValue("partitions");
    }

    public short replicationFactor() {
        return (short) intValue("replication.factor");
    }

    /** Kafka Streams state directory; empty means Kafka's default. */
    public Optional<Path> stateDir() {
        String v = values.get("state.dir");
        return v.isBlank() ? Optional.empty() : Optional.of(Path.of(v));
    }

    public Duration commitInterval() {
        return durationValue("commit.interval");
    }

    public int streamThreads() {
        return intValue("stream.threads");
    }

    /** Off-heap memory all RocksDB stores of this JVM share: block cache, index and filter blocks, memtables. */
    public int stateMemoryMb() {
        return intValue("state.memory-mb");
    }

    /** Largest article input accepted at ingest, in bytes. */
    public long maxArticleBytes() {
        return Long.parseLong(values.get("ingest.max-bytes"));
    }

    /** Longest headline accepted at ingest, in characters: a longer first line is a paragraph, not a headline. */
    public int maxTitleChars() {
        return intValue("ingest.max-title-chars");
    }

    /** How long (event time) a story's fingerprints stay in the dedup store after it was last seen. */
    public Duration dedupRetention() {
        return durationValue("dedup.retention");
    }

    /** How often the dedup store is scanned for expired entries (wall-clock). */
    public Duration dedupEvictionInterval() {
        return durationValue("dedup.eviction-interval");
    }

    /**
     * Partitions of the story stage (story-by-shard): articles are sharded by language, so more shards help only
     * when articles come in several languages; each shard is one ordered task.
     */
    public int dedupShards() {
        return intValue("dedup.shards");
    }

    /** The smallest shingle hashes every article takes as anchors, so a short article has some. */
    public int dedupAnchors() {
        return intValue("dedup.anchors");
    }

    /** A shingle is an anchor when its hash is divisible by this: about one in so many, in every article alike. */
    public int dedupAnchorEvery() {
        return intValue("dedup.anchor-every");
    }

    /** Most anchors an article has (its smallest sampled ones): bounds the index's memory for long articles. */
    public int dedupMaxAnchors() {
        return intValue("dedup.max-anchors");
    }

    /** Most shingle hashes a dedup signature keeps (articles with fewer are compared exactly). */
    public int dedupSignatureShingles() {
        return intValue("dedup.signature-shingles");
    }

    /** Most articles indexed under one anchor (later ones are only compared): an anchor many carry is boilerplate. */
    public int dedupAnchorCapacity() {
        return intValue("dedup.anchor-capacity");
    }

    /** Most candidates an article is verified against, those sharing the most anchors first. */
    public int dedupMaxCandidates() {
        return intValue("dedup.max-candidates");
    }

    /**
     * How many stream threads that died of an unexpected error are replaced within ten minutes; one more and the
     * instance shuts down with the error (exit code 3 from {@code run}).
     */
    public int threadReplacements() {
        return intValue("pipeline.thread-replacements");
    }

    /** Most members a story record lists (all are counted). */
    public int storyMaxMembers() {
        return intValue("story.max-members");
    }

    /** A taxonomy file replacing the built-in one; empty for the built-in taxonomy. */
    public Optional<Path> taxonomyFile() {
        String v = values.get("taxonomy");
        return v.isBlank() ? Optional.empty() : Optional.of(Path.of(v));
    }

    /**
     * The classifier model: a file written by {@code newsstream train}, {@code rules} for the taxonomy's keyword
     * rules alone, or empty for the built-in model (or the rules, with a warning, for a taxonomy it was not
     * trained for).
     */
    public String classifierModel() {
        return values.get("classifier.model");
    }

    /**
     * Whether labels the linear model is unsure of take the slow path (the sentence encoder reads the lede), when
     * the model has a context model; false trades that accuracy for throughput.
     */
    public boolean classifierContext() {
        return booleanValue("classifier.context");
    }

    /** How long {@code process} waits for every accepted article to come out of the pipeline. */
    public Duration processTimeout() {
        return durationValue("process.timeout");
    }

    /**
     * How long the raw topic keeps accepted articles, counted from when each was written; empty for forever (the
     * default: the raw topic is what replays and reprocessing read). Applies when newsstream creates the topic.
     */
    public Optional<Duration> rawRetention() {
        String v = values.get("topic.raw-retention").trim();
        return v.equalsIgnoreCase("forever") || v.equals("-1") ? Optional.empty()
                : Optional.of(parseDuration("topic.raw-retention", v));
    }

    /**
     * The port of the Prometheus endpoint ({@code /metrics}) and the {@code /health} and {@code /ready} checks of
     * long-running commands; empty (the default) for none.
     */
    public OptionalInt metricsPort() {
        String v = values.get("metrics.port").trim();
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        int port;
        try {
            port = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metrics.port must be a port number, got '" + v + "'");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("metrics.port must be between 1 and 65535, got " + port);
        }
        return OptionalInt.of(port);
    }

    public TopicNames topics() {
        return new TopicNames(values.get("topic.raw"), values.get("topic.rejected"), values.get("topic.enriched"),
                values.get("topic.dlq"), values.get("topic.label-pattern"), values.get("topic.stories"),
                values.get("topic.subscriptions"), values.get("topic.alerts"));
    }

    private int intValue(String key) {
        return Integer.parseInt(values.get(key).trim());
    }

    /** {@code true} or {@code false}, nothing else: a typo must not silently turn a feature off. */
    private boolean booleanValue(String key) {
        String v = values.get(key).trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, got '" + values.get(key) + "'");
        }
        return v.equals("true");
    }

    private Duration durationValue(String key) {
        return parseDuration(key, values.get(key));
    }

    /** Parses a duration given on a command line, in the forms configuration accepts. */
    public static Duration parseDurationText(String what, String text) {
        return parseDuration(what, text);
    }

    /** Accepts ISO-8601 ({@code PT10M}, {@code P7D}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 7d}. */
    static Duration parseDuration(String key, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            switch (t.charAt(t.length() - 1)) {
                case 's': return Duration.ofSeconds(n);
                case 'm': return Duration.ofMinutes(n);
                case 'h': return Duration.ofHours(n);
                case 'd': return Duration.ofDays(n);
                default: break;
            }
        } catch (RuntimeException e) {
            // fall through to the error below, which names the key
        }
        throw new IllegalArgumentException(key + ": '" + text + "' is not a duration (use e.g. 500ms, 30s, 10m, 7d or PT10M)");
    }

    private void validate() {
        for (String key : values.keySet()) {
            if (!DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException("unknown configuration key '" + key + "'; known keys: " + DEFAULTS.keySet());
            }
        }
        requirePositive("partitions", partitions());
        requirePositive("replication.factor", replicationFactor());
        requirePositive("stream.threads", streamThreads());
        requirePositive("state.memory-mb", stateMemoryMb());
        requirePositive("ingest.max-bytes", maxArticleBytes());
        requirePositive("ingest.max-title-chars", maxTitleChars());
        requirePositive("dedup.retention", dedupRetention().toMillis());
        requirePositive("dedup.eviction-interval", dedupEvictionInterval().toMillis());
        requirePositive("dedup.shards", dedupShards());
        requirePositive("dedup.anchors", dedupAnchors());
        requirePositive("dedup.anchor-every", dedupAnchorEvery());
        requirePositive("dedup.max-anchors", dedupMaxAnchors());
        requirePositive("dedup.max-candidates", dedupMaxCandidates());
        requirePositive("dedup.signature-shingles", dedupSignatureShingles());
        requirePositive("dedup.anchor-capacity", dedupAnchorCapacity());
        requirePositive("story.max-members", storyMaxMembers());
        if (threadReplacements() < 0) {
            throw new IllegalArgumentException("pipeline.thread-replacements must be 0 or more, got " + threadReplacements());
        }
        commitInterval();
        processTimeout();
        classifierContext();
        rawRetention().ifPresent(r -> requirePositive("topic.raw-retention", r.toMillis()));
        metricsPort();
        topics();
    }

    private static void requirePositive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }

    /** Every value, with secrets in client properties redacted: safe to log. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>(values);
        clientProperties.forEach((k, v) -> shown.put("client." + k, SECRET_KEY.matcher(k).matches() ? "[redacted]" : v));
        return "NewsstreamConfig" + shown;
    }

    /** Builds a configuration layer by layer; later layers win. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        private final Map<String, String> clientProperties = new LinkedHashMap<>();

        private Builder() {
        }

        /** Layer: a properties file with any of the documented keys. */
        public Builder file(Path file) {
            Properties p = readProperties(file, "configuration file");
            p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
            return this;
        }

        /** Layer: environment variables named {@code NEWSSTREAM_<KEY>} (dots and dashes become underscores). */
        public Builder environment(Map<String, String> env) {
            for (String key : DEFAULTS.keySet()) {
                String name = "NEWSSTREAM_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
                String v = env.get(name);
                if (v != null) {
                    values.put(key, v);
                }
            }
            return this;
        }

        /** Layer: explicit overrides (command-line flags); null values are ignored. */
        public Builder overrides(Map<String, String> overrides) {
            overrides.forEach((k, v) -> {
                if (v != null) {
                    values.put(k, v);
                }
            });
            return this;
        }

        public NewsstreamConfig build() {
            String clientConfig = values.get("client.config");
            if (clientConfig != null && !clientConfig.isBlank()) {
                Properties p = readProperties(Path.of(clientConfig), "client config file");
                p.stringPropertyNames().forEach(k -> clientProperties.put(k, p.getProperty(k)));
            }
            return new NewsstreamConfig(values, clientProperties);
        }

        private static Properties readProperties(Path file, String what) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
            }
            return p;
        }
    }
}
