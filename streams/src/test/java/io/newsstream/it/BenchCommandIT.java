package io.newsstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsstream.cli.Newsstream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code bench} as a user runs it, on a small workload: both systems run on the embedded broker, the pipeline puts
 * the workload's copies in their originals' stories under a backlog, the dedup state per article is reported, and
 * the last line keeps its documented form.
 * (The figures themselves are not asserted: performance is measured, not tested.)
 */
class BenchCommandIT {

    private static final Pattern LAST_LINE = Pattern.compile(
            "bench: pipeline=\\d+ passthrough=\\d+ ratio=\\d+\\.\\d{3} p99_ms=\\d+ records_per_article=\\d+\\.\\d state_bytes_per_article=\\d+");
    private static final Pattern STATE = Pattern.compile("story state (\\d+) bytes per retained article .* for "
            + "([\\d,]+) articles\\), anchor index (\\d+) bytes of heap per article, (\\d+\\.\\d) records written per article");
    private static final Pattern STORIES = Pattern.compile("copies in their original's story (\\d+) of (\\d+), articles in a wrong story (\\d+)");

    @Test
    void shouldMeasureBothSystemsAndEndWithTheDocumentedLine() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = Newsstream.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int exit = cli.execute("bench", "--articles", "400", "--warmup", "100", "--rate", "40", "--duration", "3s",
                "--subscriptions", "20", "--set", "state.dir=" + PipelineScenario.testDir("bench-state"));
        assertEquals(0, exit, out.toString());

        List<String> lines = out.toString().lines().toList();
        assertTrue(LAST_LINE.matcher(lines.get(lines.size() - 1)).matches(), out.toString());
        Matcher stories = lines.stream().map(STORIES::matcher).filter(Matcher::find).findFirst().orElseThrow();
        int together = Integer.parseInt(stories.group(1));
        int copies = Integer.parseInt(stories.group(2));
        assertTrue(copies > 100, "about 30 % of 500 articles are copies: " + stories.group());
        // Loose on purpose: this guards against losing dedup under a backlog (then almost no copy joins its story);
        // the exact cross-instance guarantees are ScaleOutIT's.
        assertTrue(together >= copies * 0.95, stories.group());
        assertTrue(Integer.parseInt(stories.group(3)) <= copies * 0.05, stories.group());

        Matcher state = lines.stream().map(STATE::matcher).filter(Matcher::find).findFirst()
                .orElseThrow(() -> new AssertionError(out.toString()));
        // Every article given: the warm-up, the batch and the latency phase's ~120.
        assertTrue(Integer.parseInt(state.group(2).replace(",", "")) >= 500, state.group());
        // An article keeps at least its signature (a few hundred bytes of shingles) and its share of a story.
        assertTrue(Integer.parseInt(state.group(1)) >= 500, state.group());
        int indexBytes = Integer.parseInt(state.group(3));
        assertTrue(indexBytes > 0 && indexBytes < 1024, state.group());
        // At least the repartition, the enriched event, the story and the two changelog records.
        double records = Double.parseDouble(state.group(4));
        assertTrue(records >= 5 && records <= 12, state.group());
    }
}
