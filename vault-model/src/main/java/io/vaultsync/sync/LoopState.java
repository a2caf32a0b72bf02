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
 * @param fast        while the remote is asked every {@link #FAST_PEEK} (after commits went either way)
 * @param own         the last cycle that wrote fetched changes into the work tree: its file events are its own
 */
record LoopState(Long lastFull, long nextPeek, ScanScope pending, boolean unfinished, int failedInRow, long retryAt,
        CycleSchedule.Window fast, CycleSchedule.Window own) {
    /** After commits went either way, the remote is asked this often (or at the interval, if shorter)... */
    static final Duration FAST_PEEK = Duration.ofMillis(250);
    /** ... for this long: the other side's answer (its own commit, the next write of a burst) comes soon. */
    static final Duration FAST_FOR = Duration.ofSeconds(5);

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

    LoopState(Long lastFull, long nextPeek, ScanScope pending, boolean unfinished, int failedInRow, long retryAt) {
        this(lastFull, nextPeek, pending, unfinished, failedInRow, retryAt, CycleSchedule.Window.NEVER, CycleSchedule.Window.NEVER);
    }

    static LoopState start(long now) {
        return new LoopState(null, now, ScanScope.NONE, false, 0, now);
    }

    /** A peek is due at {@code now}: the next one is due {@link #peekEvery} later. */
    LoopState peekDue(long now, Duration every) {
        return new LoopState(lastFull, now + peekEvery(now, fast, every).toNanos(), pending, unfinished, failedInRow, retryAt, fast,
                own);
    }

    /**
     * How long after {@code now} the remote is asked again: {@link #FAST_PEEK} (never more than the interval) inside
     * the {@code fast} window that follows commits going either way, the interval otherwise (an idle agent asks no
     * more often than it is told).
     */
    static Duration peekEvery(long now, CycleSchedule.Window fast, Duration every) {
        return fast.holds(now) && FAST_PEEK.compareTo(every) < 0 ? FAST_PEEK : every;
    }

    /** What the watcher saw, judged against this state: does its first change continue a burst? */
    CycleSchedule.Changes changes(TreeWatcher.Seen seen, Duration debounce) {
        if (!seen.dirty()) return CycleSchedule.Changes.NONE;
        return new CycleSchedule.Changes(true, seen.first(), seen.last(), CycleSchedule.burst(seen.first(), seen.before(), own, debounce));
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
        return cycled(started, every, scope, end, ended, 0, 0);
    }

    /**
     * The same, for a cycle that pushed and pulled so many commits: commits going either way start the fast
     * window ({@link #peekEvery}); pulled ones make the cycle's span its own writes' ({@link #own}).
     */
    LoopState cycled(long started, Duration every, ScanScope scope, Ended end, long ended, int pushed, int pulled) {
        boolean left = end != Ended.DONE;
        int failed = left ? failedInRow + 1 : 0;
        CycleSchedule.Window nowFast = pushed + pulled > 0 ? new CycleSchedule.Window(ended, ended + FAST_FOR.toNanos()) : fast;
        CycleSchedule.Window nowOwn = pulled > 0 ? new CycleSchedule.Window(started, ended) : own;
        long next = nowFast.holds(ended) ? ended + peekEvery(ended, nowFast, every).toNanos() : started + every.toNanos();
        return new LoopState(started, next, end == Ended.FAILED ? scope : ScanScope.NONE, left, failed,
                ended + retryDelay(every, failed).toNanos(), nowFast, nowOwn);
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
