package io.vaultsync.sync;

import io.vaultsync.transport.RemoteException;
import io.vaultsync.transport.TransportFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What a running loop last did, for those who watch it from other threads (the HTTP endpoint, the systemd
 * watchdog, the daemon's state file): a {@link RunLoop.Listener} that remembers, and hands out consistent
 * {@link Snapshot}s. Thread-safe.
 */
public final class LoopHealth implements RunLoop.Listener {
    /**
     * One consistent view. Times in nanos are {@code System.nanoTime()} values; the deadline is when the loop
     * counts as hung if it has not moved on by then.
     *
     * @param startedAt      when the loop started ({@link RunLoop.Listener#started}), or null before
     * @param deadlineNanos  the loop is alive until then: a busy step until {@code hang_after} after it started,
     *                       a wait until {@code hang_after} after it was due to end
     * @param busy           a step runs (otherwise the loop waits)
     * @param lastCycle      when the last cycle ended (well or not), or null
     * @param lastSuccess    when the last cycle that reached the remote ended, or null
     * @param lastOutcome    how the last cycle ended (the {@link SyncOutcome}'s simple name, or {@code failed}), or null
     * @param lastError      what the last failed cycle said (redacted as the transport says it), or null once one succeeds
     * @param lastFailure    the transport failure of the last failed cycle, or null (none, or not a transport failure)
     * @param failedInRow    cycles in a row that did not reach the remote
     * @param stopping       SIGTERM or SIGINT came
     */
    public record Snapshot(Instant startedAt, long deadlineNanos, boolean busy, Instant lastCycle, Instant lastSuccess,
            String lastOutcome, String lastError, TransportFailure.Kind lastFailure, int failedInRow, boolean stopping) {
        /** Whether the loop is alive at {@code nowNanos}: it has not overstayed its step or its wait. */
        public boolean alive(long nowNanos) {
            return nowNanos - deadlineNanos < 0;
        }
    }

    private final Clock clock;
    private final LongSupplier nanos;
    private final Duration hangAfter;
    private Snapshot now;

    public LoopHealth(Clock clock, LongSupplier nanos, Duration hangAfter) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.hangAfter = Objects.requireNonNull(hangAfter, "hangAfter");
        this.now = new Snapshot(null, nanos.getAsLong() + hangAfter.toNanos(), true, null, null, null, null, null, 0, false);
    }

    public LoopHealth(Duration hangAfter) {
        this(Clock.systemUTC(), System::nanoTime, hangAfter);
    }

    public synchronized Snapshot snapshot() {
        return now;
    }

    /** Whether the loop is alive now. */
    public boolean alive() {
        return snapshot().alive(nanos.getAsLong());
    }

    @Override
    public synchronized void started() {
        Snapshot s = now;
        now = new Snapshot(clock.instant(), nanos.getAsLong() + hangAfter.toNanos(), true, s.lastCycle(), s.lastSuccess(),
                s.lastOutcome(), s.lastError(), s.lastFailure(), s.failedInRow(), s.stopping());
    }

    @Override
    public synchronized void waiting(Duration d) {
        Snapshot s = now;
        now = new Snapshot(s.startedAt(), nanos.getAsLong() + d.toNanos() + hangAfter.toNanos(), false, s.lastCycle(),
                s.lastSuccess(), s.lastOutcome(), s.lastError(), s.lastFailure(), s.failedInRow(), s.stopping());
    }

    @Override
    public synchronized void busy() {
        Snapshot s = now;
        now = new Snapshot(s.startedAt(), nanos.getAsLong() + hangAfter.toNanos(), true, s.lastCycle(), s.lastSuccess(),
                s.lastOutcome(), s.lastError(), s.lastFailure(), s.failedInRow(), s.stopping());
    }

    @Override
    public synchronized void cycled(SyncReport report, Duration took) {
        Snapshot s = now;
        Instant t = clock.instant();
        SyncOutcome o = report.outcome();
        boolean reached = o.completed();
        String error = o instanceof SyncOutcome.Offline off ? off.reason() : reached ? null : s.lastError();
        TransportFailure.Kind kind = o instanceof SyncOutcome.Offline off ? off.failure().kind() : null;
        now = new Snapshot(s.startedAt(), s.deadlineNanos(), s.busy(), t, reached ? t : s.lastSuccess(),
                o.getClass().getSimpleName(), error, kind, reached ? 0 : s.failedInRow() + 1, s.stopping());
    }

    @Override
    public synchronized void cycleFailed(Exception e, Duration took) {
        Snapshot s = now;
        TransportFailure.Kind kind = e instanceof RemoteException r ? r.failure().kind() : null;
        now = new Snapshot(s.startedAt(), s.deadlineNanos(), s.busy(), clock.instant(), s.lastSuccess(), "failed",
                String.valueOf(e.getMessage()), kind, s.failedInRow() + 1, s.stopping());
    }

    @Override
    public synchronized void stopping() {
        Snapshot s = now;
        now = new Snapshot(s.startedAt(), s.deadlineNanos(), s.busy(), s.lastCycle(), s.lastSuccess(), s.lastOutcome(),
                s.lastError(), s.lastFailure(), s.failedInRow(), true);
    }
}
