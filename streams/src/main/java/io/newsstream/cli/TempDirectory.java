package io.newsstream.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removal of the temporary directories one-shot commands create for their embedded broker and samples. */
final class TempDirectory {

    private TempDirectory() {
    }

    /** Deletes a directory tree; leftovers are harmless, so failures are ignored. */
    static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // The run itself succeeded; a temp folder the OS cleans up later is not worth failing for.
        }
    }
}
