package io.newsstream.loadtest;

import io.newsstream.alert.Subscriptions;
import io.newsstream.schema.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated alert subscriptions for benchmarks, shaped like a newsroom's: phrases, conjunctions, proximity and
 * exclusions over the workload's vocabulary (so the words do occur in articles, and many subscriptions must be
 * verified), and names no article mentions (most subscriptions do not apply to a given article, as in a real
 * alerting service). The workload's vocabulary is small, so its words are far more common than real subscription
 * terms, and the workload's articles, written from the sample articles' words, carry all three built-in topics
 * (~3 each): about 1 in 50 subscriptions matches each article (~20 alerts per article at 1,000, three quarters of
 * them through a topic filter), a far harsher mix than a newsroom's. Every query is parsed, so a generator bug
 * fails loudly.
 */
public final class SubscriptionWorkload {

    private static final String[] SYLLABLES = {"ka", "lo", "mir", "zan", "tev", "or", "qui", "bra", "sel", "dun", "vy", "pex"};
    private static final String[] LABELS = {"border-security", "cartels", "foreign-policy"};

    private SubscriptionWorkload() {
    }

    /** {@code count} subscriptions with ids {@code sub-0}, {@code sub-1}, ... */
    public static List<Subscription> generate(int count, long seed) {
        Random random = new Random(seed);
        List<String> words = Workload.sampleVocabulary().stream().filter(w -> w.length() >= 4).toList();
        List<Subscription> subscriptions = new ArrayList<>(count);
        Instant now = Instant.EPOCH;
        for (int i = 0; i < count; i++) {
            String a = pick(words, random);
            String b = pick(words, random);
            String query = switch (random.nextInt(20)) {
                case 0, 1, 2, 3, 4, 5 -> "\"" + a + " " + b + "\"";
                case 6, 7, 8, 9, 10 -> name(random) + " OR \"" + name(random) + " " + name(random) + "\"";
                case 11, 12, 13, 14 -> a + " AND " + name(random);
                case 15, 16, 17 -> a + " NEAR/5 " + b;
                default -> a + " " + b + " NOT " + pick(words, random) + " topic:" + LABELS[random.nextInt(LABELS.length)];
            };
            subscriptions.add(Subscriptions.of("sub-" + i, query, List.of(), now));
        }
        return subscriptions;
    }

    private static String pick(List<String> words, Random random) {
        return words.get(random.nextInt(words.size()));
    }

    /** A made-up proper name: never in the workload's articles. */
    private static String name(Random random) {
        StringBuilder name = new StringBuilder();
        for (int s = 0; s < 3; s++) {
            name.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        return name.toString();
    }
}
