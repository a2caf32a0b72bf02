package io.vaultsync.work;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a worker's slow steps (a handler, an executor, a notification) run: beside the sync loop, at most
 * {@code size} at once, one per key. A key already in flight is not taken again, and a full pool takes
 * nothing: the caller asks again on its next pass (no queue of decisions that grow stale). {@link #stop}
 * takes nothing new and waits, bounded, for what is in flight. The {@link #inline()} pool runs each task on
 * the caller's thread at once (one-shot commands, tests), its failures thrown to the caller.
 */
public final class WorkPool {
    private static final Logger LOG = LoggerFactory.getLogger(WorkPool.class);
    /** How long a stopping agent waits for the steps in flight: well under the units' TimeoutStopSec. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /** A slow step; in a real pool a failure is logged (the step reports its own troubles first). */
    @FunctionalInterface
    public interface Task {
        void run() throws IOException;
    }

    /** What {@link #submit} did with a task. */
    public enum Taken {
        /** Running (done already, for the inline pool). */
        STARTED,
        /** Not taken: a task with this key is in flight. */
        IN_FLIGHT,
        /** Not taken: {@code size} tasks are in flight. */
        FULL,
        /** Not taken: the pool is stopping. */
        STOPPED
    }

    private final int size;
    private final ThreadPoolExecutor threads; // null: inline
    private final Set<String> inFlight = new HashSet<>();
    private boolean stopped;

    private WorkPool(int size, ThreadPoolExecutor threads) {
        this.size = size;
        this.threads = threads;
    }

    /** Runs each task on the caller's thread, at once. */
    public static WorkPool inline() {
        return new WorkPool(1, null);
    }

    /** At most {@code size} tasks at once, on daemon threads named {@code vaultsync-<name>-N}. */
    public static WorkPool bounded(int size, String name) {
        if (size < 1) throw new IllegalArgumentException("a pool needs at least one thread");
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor t = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread th = new Thread(r, "vaultsync-" + name + "-" + n.incrementAndGet());
            th.setDaemon(true); // a step still running when the stop's grace is over does not keep the JVM alive
            return th;
        });
        t.allowCoreThreadTimeOut(true);
        return new WorkPool(size, t);
    }

    public boolean isInline() {
        return threads == null;
    }

    public int size() {
        return size;
    }

    /**
     * Runs {@code task} for {@code key} unless that key is in flight, the pool is full or stopping. The inline
     * pool runs it now and throws what it throws.
     */
    public Taken submit(String key, Task task) throws IOException {
        synchronized (inFlight) {
            if (stopped) return Taken.STOPPED;
            if (inFlight.contains(key)) return Taken.IN_FLIGHT;
            if (inFlight.size() >= size) return Taken.FULL;
            inFlight.add(key);
        }
        if (threads == null) {
            try {
                task.run();
            } finally {
                done(key);
            }
            return Taken.STARTED;
        }
        threads.execute(() -> {
            try {
                task.run();
            } catch (IOException | RuntimeException e) {
                LOG.warn("{}: {}", key, e.getMessage(), e);
            } finally {
                done(key);
            }
        });
        return Taken.STARTED;
    }

    public boolean inFlight(String key) {
        synchronized (inFlight) {
            return inFlight.contains(key);
        }
    }

    /** How many tasks are in flight. */
    public int busy() {
        synchronized (inFlight) {
            return inFlight.size();
        }
    }

    private void done(String key) {
        synchronized (inFlight) {
            inFlight.remove(key);
            inFlight.notifyAll();
        }
    }

    /**
     * Takes no new task, then waits up to {@code grace} for those in flight. Returns whether all ended; those
     * still running are left to finish on their own (their threads do not hold the JVM).
     */
    public boolean stop(Duration grace) throws InterruptedException {
        long end = System.nanoTime() + grace.toNanos();
        boolean all;
        synchronized (inFlight) {
            stopped = true;
            while (!inFlight.isEmpty()) {
                long left = end - System.nanoTime();
                if (left <= 0) break;
                inFlight.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            all = inFlight.isEmpty();
        }
        if (threads != null) threads.shutdown();
        return all;
    }
}
