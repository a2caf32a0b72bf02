package io.vaultsync.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM and SIGINT ask the loop to stop after the cycle in flight; the process then exits 0 through
 * the normal path (a JVM shutdown hook could not: the JVM would exit 143 once the hook returned).
 */
final class StopSignal {
    private final CountDownLatch stop = new CountDownLatch(1);

    private StopSignal() {}

    @SuppressWarnings("restriction")
    static StopSignal install() {
        StopSignal s = new StopSignal();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> s.stop.countDown());
            } catch (IllegalArgumentException unsupported) {
                // this platform has no such signal: the default handling stays
            }
        }
        return s;
    }

    boolean requested() {
        return stop.getCount() == 0;
    }

    /** Waits for the interval, or less if a stop is requested meanwhile. */
    void await(Duration d) throws InterruptedException {
        stop.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }
}
