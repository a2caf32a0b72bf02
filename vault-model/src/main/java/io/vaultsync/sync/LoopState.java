package io.vaultsync.sync;

import io.vaultsync.git.ScanScope;
import java.time.Duration;

/**
 * What the watched {@link RunLoop} remembers from one step to the next, and the decisions it takes from it.
 * Pure: times are {@code System.nanoTime()} values passed in.
 *
 * @param lastFull    when the last full cycle started, or null before the first
 * @param nextPeek    when the remote is due to be asked for its head
 * @param pending     changes a failed cycle did not get to scan
 * @param unfinished  the last cycle did not reach the remote with everything pushed (offline or failed)
 * @param failedInRow cycles in a row that did not reach the remote: retried with backoff
 * @param retryAt     when unfinished work is due to be retried
 */
record LoopState(Long lastFull, long nextPeek, ScanScope pending, boolean unfinished, int failedInRow, long retryAt) {
    /** Longest wait between retries of a cycle that keeps failing. */
    static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);

    /** How a cycle ended: it reached the remote with nothing left to push; it ran but did not (offline); it failed. */
    enum Ended { DONE, UNFINISHED, FAILED }

    /** What to do when a peek is due and no full cycle is. */
    enum OnPeek {
        /** Unfinished work is not yet due to be retried: only the role's work runs. */
        WORK_ONLY,
        /** Unfinished work is due: a full cycle, without asking the remote first. */
        CYCLE,
        /** Ask the remote for its head; a full cycle follows if it moved. */
        ASK_REMOTE
    }

    static LoopState start(long now) {
        return new LoopState(null, now, ScanScope.NONE, false, 0, now);
    }

    /** A peek is due at {@code now}: the next one is due an interval later. */
    LoopState peekDue(long now, Duration every) {
        return new LoopState(lastFull, now + every.toNanos(), pending, unfinished, failedInRow, retryAt);
    }

    /** Work left by an offline or failed cycle is retried, less often the longer it keeps failing. */
    OnPeek onPeek(long now) {
        if (!unfinished) return OnPeek.ASK_REMOTE;
        return now - retryAt < 0 ? OnPeek.WORK_ONLY : OnPeek.CYCLE;
    }

    /**
     * What the full cycle about to start scans: what a failed cycle left plus what the watcher saw since
     * ({@code drained}); everything when it runs for another reason than changed files (start, rescan).
     */
    ScanScope scope(CycleSchedule.Next next, ScanScope drained) {
        ScanScope scope = pending.with(drained);
        if (next instanceof CycleSchedule.Full f && !f.why().equals(CycleSchedule.FILES_CHANGED)) return ScanScope.ALL;
        return scope;
    }

    /**
     * After a full cycle that started at {@code started}, scanned {@code scope} and ended so at {@code ended}:
     * a failed one leaves its scope for the next; any but a done one leaves the work unfinished, retried
     * after {@link #retryDelay}.
     */
    LoopState cycled(long started, Duration every, ScanScope scope, Ended end, long ended) {
        boolean left = end != Ended.DONE;
        int failed = left ? failedInRow + 1 : 0;
        return new LoopState(started, started + every.toNanos(), end == Ended.FAILED ? scope : ScanScope.NONE, left, failed,
                ended + retryDelay(every, failed).toNanos());
    }

    /**
     * How long after the {@code failed}-th failed cycle in a row the next one runs: one interval at first,
     * doubling each time, at most ten intervals and never more than {@link #MAX_RETRY_DELAY} (nor less than
     * one interval).
     */
    static Duration retryDelay(Duration every, int failed) {
        if (failed <= 1) return every;
        Duration d = every.multipliedBy(1L << Math.min(failed - 1, 10));
        Duration cap = every.multipliedBy(10).compareTo(MAX_RETRY_DELAY) < 0 ? every.multipliedBy(10) : MAX_RETRY_DELAY;
        if (cap.compareTo(every) < 0) cap = every;
        return d.compareTo(cap) > 0 ? cap : d;
    }
}
