package io.newsstream.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each file that appears in a folder tree (created, copied or moved in; in new subfolders too) to a consumer,
 * once, after its size has stopped changing for a settle time, so a file still being written is not read half
 * way. Files already there when it starts are handed over first. A file rewritten later (another size or
 * modification time) is handed over again. Runs on the caller's thread until closed.
 */
public final class FolderWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FolderWatcher.class);

    private final Path root;
    private final Duration settle;
    private final Consumer<Path> onFile;
    private final WatchService watcher;
    /** Files seen and not yet handed over: their size and modification time when last looked at, and since when. */
    private final Map<Path, Pending> pending = new HashMap<>();
    /** Files handed over, by path, with the size and time they had. */
    private final Map<Path, String> done = new HashMap<>();
    private final Set<Path> watched = new HashSet<>();

    private record Pending(String version, long sinceNanos) {
    }

    public FolderWatcher(Path root, Duration settle, Consumer<Path> onFile) {
        this.root = root;
        this.settle = settle;
        this.onFile = onFile;
        try {
            this.watcher = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Watches until {@link #close()}; returns then. */
    public void run() {
        register(root);
        scan(root);
        long pollMillis = Math.max(50, settle.toMillis() / 4);
        try {
            while (true) {
                WatchKey key = watcher.poll(pollMillis, TimeUnit.MILLISECONDS);
                if (key != null) {
                    Path dir = (Path) key.watchable();
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                            scan(root); // events were lost: look at everything again
                        } else {
                            Path path = dir.resolve((Path) event.context());
                            if (Files.isDirectory(path)) {
                                register(path);
                                scan(path);
                            } else {
                                consider(path);
                            }
                        }
                    }
                    key.reset();
                }
                handOverSettled();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void register(Path dir) {
        try (Stream<Path> dirs = Files.walk(dir)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                if (watched.add(d)) {
                    d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot watch {}: {}", dir, e.getMessage());
        }
    }

    private void scan(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).sorted().forEach(this::consider);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot list {}: {}", dir, e.getMessage());
        }
    }

    private void consider(Path file) {
        version(file).ifPresent(v -> {
            if (!v.equals(done.get(file))) {
                Pending p = pending.get(file);
                if (p == null || !p.version().equals(v)) {
                    pending.put(file, new Pending(v, System.nanoTime()));
                }
            }
        });
    }

    private void handOverSettled() {
        long now = System.nanoTime();
        for (Iterator<Map.Entry<Path, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, Pending> e = it.next();
            Optional<String> current = version(e.getKey());
            if (current.isEmpty()) {
                it.remove(); // gone before it settled (moved away, deleted)
            } else if (!current.get().equals(e.getValue().version())) {
                e.setValue(new Pending(current.get(), now)); // still being written
            } else if (now - e.getValue().sinceNanos() >= settle.toNanos()) {
                try {
                    onFile.accept(e.getKey());
                    it.remove();
                    done.put(e.getKey(), current.get());
                } catch (RuntimeException failure) {
                    // Kafka unreachable, say: the file stays pending and is tried again after another settle time.
                    LOG.warn("Cannot ingest {} yet: {}; trying again", e.getKey(), failure.getMessage());
                    e.setValue(new Pending(current.get(), now));
                }
            }
        }
    }

    private static Optional<String> version(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.isRegularFile() ? Optional.of(a.size() + "@" + a.lastModifiedTime().toMillis()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
