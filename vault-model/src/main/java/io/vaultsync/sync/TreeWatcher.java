package io.vaultsync.sync;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a vault's work tree (every folder but {@code .git}, new folders as they appear) and says whether
 * anything changed since it was last cleared, and when the last change came. Uses the JDK's WatchService:
 * inotify on Linux; on macOS the JDK polls (a native watcher there needs a library; see the README). Lost
 * events (overflow) count as a change, so the next cycle scans.
 */
public final class TreeWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TreeWatcher.class);
    private final Path root;
    private final WatchService ws;
    private final Map<WatchKey, Path> keys = new ConcurrentHashMap<>();
    private final Runnable onChange;
    private final Thread thread;
    private volatile boolean dirty;
    private volatile long lastChangeNanos;
    private volatile long firstChangeNanos;

    private TreeWatcher(Path root, Runnable onChange) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.ws = FileSystems.getDefault().newWatchService();
        this.onChange = onChange;
        registerAll(this.root);
        this.thread = new Thread(this::loop, "vaultsync-watcher");
        this.thread.setDaemon(true);
    }

    /** Starts watching; {@code onChange} runs (on the watcher's thread) after each batch of events. */
    public static TreeWatcher start(Path root, Runnable onChange) throws IOException {
        TreeWatcher w = new TreeWatcher(root, onChange);
        w.thread.start();
        return w;
    }

    public boolean dirty() {
        return dirty;
    }

    /** System.nanoTime() of the last change seen. */
    public long lastChangeNanos() {
        return lastChangeNanos;
    }

    /** System.nanoTime() of the first change since the last {@link #clear}. */
    public long firstChangeNanos() {
        return firstChangeNanos;
    }

    /** Forgets the changes seen so far (a cycle is about to scan them). */
    public synchronized void clear() {
        dirty = false;
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = ws.take();
                Path dir = keys.get(key);
                for (WatchEvent<?> e : key.pollEvents()) {
                    if (e.kind() == OVERFLOW || dir == null) {
                        mark();
                        continue;
                    }
                    Path child = dir.resolve((Path) e.context());
                    if (child.startsWith(root.resolve(".git"))) continue;
                    if (e.kind() == ENTRY_CREATE && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                        registerAll(child);
                    }
                    mark();
                }
                if (!key.reset()) keys.remove(key);
                if (dirty) onChange.run();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        } catch (IOException | RuntimeException e) {
            LOG.warn("file watcher stopped ({}); the periodic rescan still finds changes", e.toString());
            mark();
            onChange.run();
        }
    }

    private synchronized void mark() {
        long now = System.nanoTime();
        if (!dirty) firstChangeNanos = now;
        lastChangeNanos = now;
        dirty = true;
    }

    private void registerAll(Path start) throws IOException {
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(root.resolve(".git"))) return FileVisitResult.SKIP_SUBTREE;
                keys.put(dir.register(ws, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public void close() throws IOException {
        ws.close();
        thread.interrupt();
    }
}
