package io.newsstream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder watcher on a real file system: files there at the start, created, moved in, written in two parts and
 * placed in a new subfolder are each handed over once, whole.
 */
class FolderWatcherTest {

    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    @Test
    void shouldHandOverEachFileOnceWhenItHasSettled() throws Exception {
        Files.writeString(dir.resolve("before.txt"), "Before\n\nThere at the start.");
        Map<String, String> seen = new ConcurrentHashMap<>();
        Map<String, Integer> times = new ConcurrentHashMap<>();
        FolderWatcher watcher = new FolderWatcher(dir, SETTLE, file -> {
            try {
                seen.put(dir.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
                times.merge(dir.relativize(file).toString(), 1, Integer::sum);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Thread thread = new Thread(watcher::run, "watcher");
        thread.start();
        try {
            Files.writeString(dir.resolve("created.txt"), "Created\n\nWritten while watched.");
            Files.writeString(elsewhere.resolve("moved.txt"), "Moved\n\nMoved in from elsewhere.");
            Files.move(elsewhere.resolve("moved.txt"), dir.resolve("moved.txt"));
            Path slow = dir.resolve("slow.txt");
            Files.writeString(slow, "Slow\n\nFirst half, ");
            Thread.sleep(100); // well inside the settle time: the file must not be read half way
            Files.writeString(slow, "second half.", StandardOpenOption.APPEND);
            Files.createDirectories(dir.resolve("sub"));
            Files.writeString(dir.resolve("sub").resolve("nested.txt"), "Nested\n\nIn a new subfolder.");

            List<String> expected = List.of("before.txt", "created.txt", "moved.txt", "slow.txt", "sub/nested.txt");
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!seen.keySet().containsAll(expected) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(SETTLE.toMillis() * 2); // time for a second, wrong hand-over to show
            assertEquals(expected.size(), seen.size(), seen.toString());
            assertEquals("Slow\n\nFirst half, second half.", seen.get("slow.txt"));
            times.forEach((file, n) -> assertEquals(1, n, file + " handed over " + n + " times"));
        } finally {
            watcher.close();
            thread.join(10_000);
        }
    }
}
