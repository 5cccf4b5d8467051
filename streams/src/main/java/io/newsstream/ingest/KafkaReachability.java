package io.newsstream.ingest;

import io.newsstream.kafka.KafkaClients;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether the Kafka cluster answers, asked at most once a second however often readiness is probed (a load
 * balancer may probe many times a second). Thread-safe.
 */
public final class KafkaReachability implements BooleanSupplier, AutoCloseable {

    private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int TIMEOUT_MS = 2_000;

    private final Admin admin;
    private long checkedAt = System.nanoTime() - 2 * CACHE_NANOS;
    private boolean reachable;

    public KafkaReachability(KafkaClients clients) {
        this.admin = Admin.create(clients.common());
    }

    @Override
    public synchronized boolean getAsBoolean() {
        if (System.nanoTime() - checkedAt > CACHE_NANOS) {
            try {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                reachable = true;
            } catch (Exception e) {
                reachable = false;
            }
            checkedAt = System.nanoTime();
        }
        return reachable;
    }

    @Override
    public void close() {
        admin.close();
    }
}
