package io.newsstream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.alert.QueryParser;
import io.newsstream.alert.QuerySyntaxException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seeded random and mutated inputs: the article parser always returns an outcome (a rejection has a reason), and the
 * query parser throws nothing but {@link QuerySyntaxException}. A failure prints its seed and case to reproduce.
 */
@Tag("reliability")
class ParserPropertyTest {

    private static final long SEED = 20261202L;
    private static final int CASES = 3000;
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final List<String> VALID_JSON = List.of(
            "{\"id\": \"a-1\", \"source\": \"Harbour Post\", \"title\": \"Port seizure\", \"body\": \"Crates.\\n\\nFuel.\","
                    + " \"publishedAt\": \"2026-03-01T12:00:00Z\", \"language\": \"en\"}",
            "{\"body\": \"Only a body\", \"publishedAt\": 1767225600000}");
    private static final String[] QUERY_TOKENS = {"port", "\"fuel crates\"", "AND", "OR", "NOT", "(", ")", "NEAR/3",
        "source:", "topic:cartels", "*", "\"", "-", "ü", " ", "  ", "\u0000", "\u001b[31m", "a:b:c", "NEAR", "((", "))"};

    private static final String STRUCTURE = "{}[]\",:\\\r\n\u0000";

    private final ArticleParser parser = new ArticleParser(1_000_000, 1000);

    @Test
    void shouldAnswerEveryRandomOrMutatedInputWithAnOutcome() {
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            byte[] input = switch (i % 3) {
                case 0 -> randomBytes(random);
                case 1 -> mutate(random, VALID_JSON.get(random.nextInt(VALID_JSON.size())).getBytes(StandardCharsets.UTF_8));
                default -> mutate(random, ("Port seizure\r\n\r\nCrates of fuel were found.\n").getBytes(StandardCharsets.UTF_8));
            };
            for (ArticleParser.Format format : List.of(ArticleParser.Format.TEXT, ArticleParser.Format.JSON)) {
                IngestOutcome outcome = parser.parse("case-" + i, input, format, NOW);
                assertNotNull(outcome, "seed " + SEED + " case " + i);
                if (outcome instanceof IngestOutcome.Rejected r) {
                    assertTrue(r.reason() != null && !r.reason().isBlank(), "seed " + SEED + " case " + i);
                    assertTrue(!r.reason().startsWith("cannot be parsed"), "parser bug on case " + i + ": " + r.reason());
                } else {
                    String body = ((IngestOutcome.Accepted) outcome).article().getBody();
                    assertTrue(body.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\t'), "control left in case " + i);
                }
            }
        }
    }

    @Test
    void shouldReadEveryLineOfARandomJsonLinesStream() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 200; i++) {
            byte[] stream = mutate(random, String.join("\n", VALID_JSON).getBytes(StandardCharsets.UTF_8));
            List<IngestOutcome> outcomes = new ArrayList<>();
            new InputReader(1_000_000, 1000, java.time.Clock.systemUTC(), new ByteArrayInputStream(stream))
                    .read(List.of("-"), outcomes::add);
            assertTrue(!outcomes.isEmpty(), "case " + i);
            outcomes.forEach(o -> assertNotNull(o.origin()));
        }
    }

    @Test
    void shouldThrowOnlySyntaxErrorsForAnyQuery() {
        Random random = new Random(SEED + 2);
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            StringBuilder q = new StringBuilder();
            int tokens = random.nextInt(12);
            for (int t = 0; t < tokens; t++) {
                q.append(QUERY_TOKENS[random.nextInt(QUERY_TOKENS.length)]).append(random.nextBoolean() ? " " : "");
            }
            if (i % 50 == 0) {
                q.append("(".repeat(random.nextInt(50_000))).append("port");
            }
            try {
                assertNotNull(QueryParser.parse(q.toString()));
            } catch (QuerySyntaxException e) {
                refused++;
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
            }
        }
        assertTrue(refused > 0 && refused < CASES, "the generator makes both valid and invalid queries: " + refused);
    }

    @Test
    void shouldRejectDeepNestingAsIdenticalReasonWhateverTheDepth() {
        for (int depth : new int[] {33, 1_000, 100_000}) {
            String json = "{\"body\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
            IngestOutcome outcome = parser.parse("deep", json.getBytes(StandardCharsets.UTF_8), ArticleParser.Format.JSON, NOW);
            assertEquals("JSON nested deeper than 32 levels: an article is one flat object",
                    ((IngestOutcome.Rejected) outcome).reason());
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(600)];
        random.nextBytes(b);
        return b;
    }

    private static byte[] mutate(Random random, byte[] valid) {
        byte[] b = valid.clone();
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b = java.util.Arrays.copyOf(b, at);
                case 2 -> b[at] = (byte) STRUCTURE.charAt(random.nextInt(STRUCTURE.length()));
                default -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(128);
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }
}
