package io.vaultsync.sync;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import io.vaultsync.git.ScanScope;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a vault's work tree (every folder but {@code .git}, new folders as they appear) and says whether
 * anything changed since it was last drained, when the last change came, and which paths changed (a new
 * folder is reported as the folder: its files may have come before it was watched). Uses the JDK's
 * WatchService: inotify on Linux; on macOS the JDK polls (a native watcher there needs a library; see the
 * README). Lost events (overflow), an unknown folder or more than {@link #MAX_PATHS} paths make the next
 * scan a full one.
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
    /** When the change before the current batch came; null if there was none since the watcher started. */
    private Long beforeNanos;
    private boolean seenAny;
    /** Paths changed since the last drain; null once the next scan must be a full one. */
    private Set<String> changed = new HashSet<>();

    /** More changed paths than this and a full scan is cheaper than listing them. */
    public static final int MAX_PATHS = 5000;

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

    /**
     * What the watcher saw since the last drain, read at once: whether anything changed, when the first and the
     * last change came, and when the change before the first came (null if none did).
     */
    public synchronized Seen seen() {
        return new Seen(dirty, firstChangeNanos, lastChangeNanos, beforeNanos);
    }

    /** A reading of the watcher: see {@link #seen}. */
    public record Seen(boolean dirty, long first, long last, Long before) {}

    /** What changed since the last drain, and forgets it: a cycle is about to scan it. */
    public synchronized ScanScope drain() {
        ScanScope scope = changed == null ? ScanScope.ALL : ScanScope.paths(changed);
        changed = new HashSet<>();
        dirty = false;
        return scope;
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = ws.take();
                Path dir = keys.get(key);
                for (WatchEvent<?> e : key.pollEvents()) {
                    if (e.kind() == OVERFLOW || dir == null) {
                        mark(null);
                        continue;
                    }
                    Path child = dir.resolve((Path) e.context());
                    if (child.startsWith(root.resolve(".git"))) continue;
                    if (e.kind() == ENTRY_CREATE && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                        try {
                            registerAll(child);
                        } catch (NoSuchFileException gone) {
                            // the folder went as soon as it came (a temp folder, say): its path is scanned below
                        } catch (IOException failed) {
                            LOG.warn("cannot watch {} ({}); changes there are found by the periodic rescan", child, failed.toString());
                            mark(null);
                        }
                    }
                    mark(root.relativize(child).toString().replace(java.io.File.separatorChar, '/'));
                }
                if (!key.reset()) keys.remove(key);
                if (dirty) onChange.run();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        } catch (RuntimeException e) {
            LOG.warn("file watcher stopped ({}); the periodic rescan still finds changes", e.toString());
            mark(null);
            onChange.run();
        }
    }

    /** A change at {@code path}, or (null) somewhere unknown. */
    private synchronized void mark(String path) {
        if (changed != null) {
            if (path == null || changed.size() >= MAX_PATHS) changed = null;
            else changed.add(path);
        }
        long now = System.nanoTime();
        if (!dirty) {
            beforeNanos = seenAny ? lastChangeNanos : null;
            firstChangeNanos = now;
        }
        lastChangeNanos = now;
        seenAny = true;
        dirty = true;
    }

    /**
     * Watches a folder and every folder under it. Files and folders that vanish during the walk are skipped
     * (a write's temp file renamed away, say): they were reported by their parent's events.
     */
    private void registerAll(Path start) throws IOException {
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(root.resolve(".git"))) return FileVisitResult.SKIP_SUBTREE;
                try {
                    keys.put(dir.register(ws, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), dir);
                } catch (NoSuchFileException gone) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                throw e;
            }
        });
    }

    @Override
    public void close() throws IOException {
        ws.close();
        thread.interrupt();
    }
}
