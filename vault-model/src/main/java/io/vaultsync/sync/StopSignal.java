package io.vaultsync.sync;

import java.time.Duration;

/**
 * SIGTERM and SIGINT ask the loop to stop after the cycle in flight; the process then exits 0 through
 * the normal path (a JVM shutdown hook could not: the JVM would exit 143 once the hook returned). A file
 * event wakes the loop early ({@link #wake}).
 */
final class StopSignal {
    private final Object lock = new Object();
    private boolean stop;
    private boolean woken;

    private StopSignal() {}

    @SuppressWarnings("restriction")
    static StopSignal install() {
        StopSignal s = new StopSignal();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> s.stop());
            } catch (IllegalArgumentException unsupported) {
                // this platform has no such signal: the default handling stays
            }
        }
        return s;
    }

    void stop() {
        synchronized (lock) {
            stop = true;
            lock.notifyAll();
        }
    }

    /** Ends the current {@link #await} early (a file changed). */
    void wake() {
        synchronized (lock) {
            woken = true;
            lock.notifyAll();
        }
    }

    boolean requested() {
        synchronized (lock) {
            return stop;
        }
    }

    /** Waits for the duration, or less if a stop is requested or a wake-up comes meanwhile. */
    void await(Duration d) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        synchronized (lock) {
            while (!stop && !woken) {
                long left = end - System.nanoTime();
                if (left <= 0) break;
                lock.wait(Math.max(1, left / 1_000_000));
            }
            woken = false;
        }
    }
}
