package io.vaultsync.sync;

import io.vaultsync.git.ScanScope;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.sync.LoopState.Ended;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A running agent: holds the vault's daemon lock and syncs until SIGTERM or SIGINT, which finish the cycle in
 * flight. Watched ({@link CycleSchedule}), file events trigger a full cycle (on a quiet tree once it was still for
 * 50 ms, after the debounce inside a burst); otherwise each interval (more often for a few seconds after commits went either way:
 * {@link LoopState#peekEvery}) only asks the remote for its head and runs a cycle if it moved; a full rescan at
 * least every rescan period;
 * a cycle that did not reach the remote is retried with backoff ({@link LoopState}). Unwatched, a full cycle
 * every interval. The role's work runs after every cycle and every peek. A failed cycle or work pass is told
 * to the {@link Listener} and the loop goes on: the daemon never dies of one.
 */
public final class RunLoop {
    /**
     * @param interval how often the remote is asked for news (unwatched: the time between full cycles)
     * @param debounce inside a burst of changes, how long files must be quiet before they are synced (a change on a
     *                 quiet tree goes once the tree was still for 50 ms)
     * @param rescan   a full scan of the work tree at least this often
     * @param watch    whether file events drive the loop
     */
    public record Timing(Duration interval, Duration debounce, Duration rescan, boolean watch) {
        public Timing {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(debounce, "debounce");
            Objects.requireNonNull(rescan, "rescan");
        }
    }

    /**
     * The role's work after a cycle (without the vault lock: it takes it for its own cycles). It hands its slow
     * steps to threads of its own and returns: the loop goes on syncing meanwhile.
     */
    @FunctionalInterface
    public interface Work {
        void afterCycle(Path vault) throws IOException;

        /**
         * The loop is ending (SIGTERM or SIGINT): take no new work and wait, bounded, for the steps in flight. Called
         * on the loop's thread while the daemon lock is still held. Nothing by default.
         */
        default void stop() throws InterruptedException {}
    }

    /**
     * What the loop tells its caller as it goes; each call comes from the loop's own thread. Only
     * {@link #started} has no default: a listener says what it watches.
     */
    public interface Listener {
        /** The daemon lock is held and the signals are handled: the first cycle comes next. */
        void started();

        /** The loop is about to wait this long (or less, when woken) with nothing to do: it is alive and idle. */
        default void waiting(Duration d) { }

        /** The loop starts a step (a cycle, a look at the remote, the role's work): it is alive and busy. */
        default void busy() { }

        /** The remote was asked for its head: whether it moved, or the failure (a full cycle follows and tells). */
        default void peeked(boolean moved, Exception failure) { }

        /** A cycle ran in {@code took} (its outcome says whether it reached the remote). */
        default void cycled(SyncReport report, Duration took) { }

        /** A cycle failed after {@code took}; the next one tries again. */
        default void cycleFailed(Exception e, Duration took) { }

        /** The role's work after a cycle failed; the next pass tries again. */
        default void workFailed(Exception e) { }

        /** The work tree cannot be watched: a full cycle every interval instead. */
        default void notWatching(IOException e) { }

        /** A cycle or a work pass is over: what it printed is due out now. */
        default void passEnded() { }

        /** SIGTERM or SIGINT came: the step in flight finishes and the loop ends. */
        default void stopping() { }

        /** A full cycle starts; its first scan looks at {@code scope} (a cycle's report covers only that). */
        default void scanning(ScanScope scope) { }

        /**
         * Watched, the loop is about to wait and the watcher has seen no change since the last cycle started:
         * a scan now would find what that cycle's scan found.
         */
        default void quiet() { }

        /** Each of {@code listeners} told everything, in order. */
        static Listener all(List<Listener> listeners) {
            List<Listener> each = List.copyOf(listeners);
            return new Listener() {
                @Override public void started() { each.forEach(Listener::started); }
                @Override public void waiting(Duration d) { each.forEach(l -> l.waiting(d)); }
                @Override public void busy() { each.forEach(Listener::busy); }
                @Override public void peeked(boolean moved, Exception failure) { each.forEach(l -> l.peeked(moved, failure)); }
                @Override public void cycled(SyncReport report, Duration took) { each.forEach(l -> l.cycled(report, took)); }
                @Override public void cycleFailed(Exception e, Duration took) { each.forEach(l -> l.cycleFailed(e, took)); }
                @Override public void workFailed(Exception e) { each.forEach(l -> l.workFailed(e)); }
                @Override public void notWatching(IOException e) { each.forEach(l -> l.notWatching(e)); }
                @Override public void passEnded() { each.forEach(Listener::passEnded); }
                @Override public void stopping() { each.forEach(Listener::stopping); }
                @Override public void scanning(ScanScope scope) { each.forEach(l -> l.scanning(scope)); }
                @Override public void quiet() { each.forEach(Listener::quiet); }
            };
        }
    }

    private final Path vault;
    private final Timing timing;
    private final SyncCycle cycle;
    private final SyncCycle.Prelude keeper;
    private final Work work;
    private final Listener listener;

    public RunLoop(Path vault, Timing timing, SyncCycle cycle, SyncCycle.Prelude keeper, Work work, Listener listener) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.cycle = Objects.requireNonNull(cycle, "cycle");
        this.keeper = Objects.requireNonNull(keeper, "keeper");
        this.work = Objects.requireNonNull(work, "work");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Runs until SIGTERM or SIGINT. Returns the number of full cycles run.
     *
     * @throws io.vaultsync.AgentBusyException another agent is running on this vault
     */
    @SuppressWarnings("try") // the daemon lock is held for the life of the loop, not used in it
    public long run() throws IOException, InterruptedException {
        Path gitDir = VaultRepo.gitDirOf(vault);
        try (AgentLock daemon = AgentLock.daemon(gitDir)) {
            StopSignal stop = StopSignal.install();
            listener.started();
            long n = timing.watch() ? watched(gitDir, stop) : unwatched(gitDir, stop);
            work.stop(); // before the daemon lock goes: a new agent must not start a key still in flight here
            return n;
        }
    }

    /** A full cycle every interval. Returns the number of cycles. */
    private long unwatched(Path gitDir, StopSignal stop) throws InterruptedException {
        long n = 0;
        while (!stop.requested()) {
            n++;
            runOnce(gitDir, ScanScope.ALL);
            work();
            await(stop, timing.interval());
        }
        return n;
    }

    /** The event-driven loop. Returns the number of cycles. */
    private long watched(Path gitDir, StopSignal stop) throws IOException, InterruptedException {
        TreeWatcher started;
        try {
            started = TreeWatcher.start(vault, stop::wake);
        } catch (IOException e) {
            listener.notWatching(e);
            return unwatched(gitDir, stop);
        }
        long n = 0;
        Duration every = timing.interval();
        try (TreeWatcher watcher = started) {
            LoopState state = LoopState.start(System.nanoTime());
            while (!stop.requested()) {
                long now = System.nanoTime();
                CycleSchedule.Changes changes = state.changes(watcher.seen(), timing.debounce());
                CycleSchedule.Next next = CycleSchedule.decide(now, state.lastFull(), state.nextPeek(), changes, timing.debounce(),
                        timing.rescan());
                if (next instanceof CycleSchedule.Wait w) {
                    if (!changes.dirty() && n > 0) listener.quiet();
                    await(stop, w.d());
                    continue;
                }
                boolean full = next instanceof CycleSchedule.Full;
                if (!full) {
                    state = state.peekDue(now, every);
                    LoopState.OnPeek onPeek = state.onPeek(now);
                    if (onPeek == LoopState.OnPeek.WORK_ONLY) {
                        work();
                        continue;
                    }
                    full = onPeek == LoopState.OnPeek.CYCLE || peek();
                }
                if (full) {
                    // changes from here on (ours included) count for the next cycle
                    ScanScope scope = state.scope(next, watcher.drain());
                    n++;
                    Ran ran = runOnce(gitDir, scope);
                    state = state.cycled(now, every, scope, ran.end(), System.nanoTime(), ran.pushed(), ran.pulled());
                }
                work();
            }
        }
        return n;
    }

    /** Waits for {@code d} or a wake-up; tells the listener when the stop is asked for. */
    private void await(StopSignal stop, Duration d) throws InterruptedException {
        listener.waiting(d);
        stop.await(d);
        if (stop.requested()) listener.stopping();
    }

    private boolean peek() {
        listener.busy();
        try {
            boolean moved = cycle.remoteMoved(vault);
            listener.peeked(moved, null);
            return moved;
        } catch (IOException | RuntimeException e) {
            listener.peeked(true, e);
            return true; // let a full cycle report it
        }
    }

    /** The role's work after a cycle; a failure is told like a failed cycle and the loop goes on. */
    private void work() {
        listener.busy();
        try {
            work.afterCycle(vault);
        } catch (IOException | RuntimeException e) {
            // a daemon never dies of a failure in one pass: it is reported and the next pass tries again
            listener.workFailed(e);
        }
        listener.passEnded();
    }

    /** How a cycle ended, and the commits it pushed and pulled. */
    private record Ran(Ended end, int pushed, int pulled) {}

    /** A failed cycle is told and the loop goes on: the agent never stops silently. */
    @SuppressWarnings("try") // the lock is held for the cycle, not used in it
    private Ran runOnce(Path gitDir, ScanScope scope) {
        listener.busy();
        listener.scanning(scope);
        Ran done = new Ran(Ended.FAILED, 0, 0);
        long start = System.nanoTime();
        try (AgentLock lock = AgentLock.acquire(gitDir, AgentLock.COMMAND_WAIT)) {
            SyncReport r = cycle.run(vault, keeper, scope);
            listener.cycled(r, Duration.ofNanos(System.nanoTime() - start));
            Ended end = r.outcome().completed() ? Ended.DONE : Ended.UNFINISHED;
            done = r.outcome() instanceof SyncOutcome.Synced s ? new Ran(end, s.pushedCommits(), s.pulledCommits()) : new Ran(end, 0, 0);
        } catch (IOException | RuntimeException e) {
            listener.cycleFailed(e, Duration.ofNanos(System.nanoTime() - start));
        }
        listener.passEnded();
        return done;
    }
}
