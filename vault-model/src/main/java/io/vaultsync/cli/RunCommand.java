package io.vaultsync.cli;

import io.vaultsync.work.Worker;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.Durations;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.git.ScanScope;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.sync.AgentLock;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.sync.SyncReport;
import io.vaultsync.sync.Tick;
import io.vaultsync.sync.TreeWatcher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", description = "Sync until SIGTERM or SIGINT (which finish the cycle in flight): a full cycle when files"
        + " change (debounced), a cheap look at the remote every --interval, a full rescan every --rescan.")
final class RunCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    VaultOptions opts;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How often the remote is asked for news, e.g. 1s, 30s, 5m (default: the agent's setting, 30s)."
                    + " With --no-watch: the time between full cycles.")
    Duration interval;

    @Option(names = "--debounce", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "A local change is committed and pushed once files have been quiet this long, and at the latest"
                    + " this long after it (default: the agent's push_debounce setting, 500ms).")
    Duration debounce;

    @Option(names = "--rescan", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "A full scan of the work tree at least this often, whatever the file events say"
                    + " (default: the agent's rescan setting, 10m).")
    Duration rescan;

    @Option(names = "--no-watch", description = "No file watcher: a full cycle every --interval, as before.")
    boolean noWatch;

    RunCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    @SuppressWarnings("try") // the daemon lock is held for the life of the loop, not used in it
    public Integer call() throws Exception {
        Path gitDir = VaultRepo.gitDirOf(opts.vault);
        AgentSettings s = SettingsStore.read(gitDir);
        Duration every = interval == null ? s.interval() : interval;
        if (debounce == null) debounce = s.pushDebounce();
        if (rescan == null) rescan = s.rescan();
        try (AgentLock daemon = AgentLock.daemon(gitDir)) {
            StopSignal stop = StopSignal.install();
            SyncCycle cycle = SyncCycle.standard(s);
            SyncCycle.Prelude keeper = ctx.extension().keeper(s);
            Worker worker = ctx.extension().worker(ctx, s, cycle);
            ctx.out().println(s.name() + ": running on " + opts.vault.toAbsolutePath() + " every "
                    + Durations.format(every) + " (pid " + ProcessHandle.current().pid() + ")");
            ctx.out().flush();
            long n = noWatch ? interval(gitDir, cycle, keeper, worker, stop, every) : watched(gitDir, cycle, keeper, worker, stop, every);
            ctx.out().println(s.name() + ": stopped after " + n + " cycle" + (n == 1 ? "" : "s"));
            return ExitCodes.OK;
        }
    }

    /** The old loop: a full cycle every interval. Returns the number of cycles. */
    private long interval(Path gitDir, SyncCycle cycle, SyncCycle.Prelude keeper, Worker worker,
            StopSignal stop, Duration every) throws InterruptedException {
        long n = 0;
        while (!stop.requested()) {
            n++;
            runOnce(gitDir, cycle, keeper, ScanScope.ALL);
            work(worker);
            stop.await(every);
        }
        return n;
    }

    /**
     * The event-driven loop ({@link Tick}): file events (debounced) trigger a full cycle; otherwise each
     * interval only asks the remote for its head, and runs a cycle if it moved; a full rescan at least every
     * --rescan. The role's work runs after every cycle and every peek.
     */
    private long watched(Path gitDir, SyncCycle cycle, SyncCycle.Prelude keeper, Worker worker,
            StopSignal stop, Duration every) throws IOException, InterruptedException {
        long n = 0;
        TreeWatcher started;
        try {
            started = TreeWatcher.start(opts.vault, stop::wake);
        } catch (IOException e) {
            ctx.err().println(ctx.command() + ": cannot watch the work tree (" + e.getMessage() + "); syncing every "
                    + Durations.format(every) + " instead");
            ctx.err().flush();
            return interval(gitDir, cycle, keeper, worker, stop, every);
        }
        try (TreeWatcher watcher = started) {
            Long lastFull = null;
            boolean unfinished = false;
            ScanScope pending = ScanScope.NONE; // changes a failed cycle did not get to scan
            long nextPeek = System.nanoTime();
            int failedInRow = 0; // cycles in a row that did not reach the remote: retried with backoff
            long retryAt = System.nanoTime();
            while (!stop.requested()) {
                long now = System.nanoTime();
                Tick.Next next = Tick.decide(now, lastFull, nextPeek, watcher.dirty(), watcher.firstChangeNanos(),
                        watcher.lastChangeNanos(), debounce, rescan);
                if (next instanceof Tick.Wait w) {
                    stop.await(w.d());
                    continue;
                }
                boolean full = next instanceof Tick.Full;
                if (!full) {
                    nextPeek = now + every.toNanos();
                    // work left by an offline or failed cycle is retried, less often the longer it keeps failing
                    if (unfinished && now - retryAt < 0) {
                        work(worker);
                        continue;
                    }
                    full = unfinished || peek(cycle);
                }
                if (full) {
                    // changes from here on (ours included) count for the next cycle
                    ScanScope scope = pending.with(watcher.drain());
                    if (next instanceof Tick.Full f && !f.why().equals(Tick.FILES_CHANGED)) scope = ScanScope.ALL;
                    lastFull = now;
                    nextPeek = now + every.toNanos();
                    n++;
                    Ended end = runOnce(gitDir, cycle, keeper, scope);
                    pending = end == Ended.FAILED ? scope : ScanScope.NONE; // what a failed cycle was to scan
                    unfinished = end != Ended.DONE;
                    failedInRow = unfinished ? failedInRow + 1 : 0;
                    retryAt = System.nanoTime() + retryDelay(every, failedInRow).toNanos();
                }
                work(worker);
            }
        }
        return n;
    }

    private boolean peek(SyncCycle cycle) {
        try {
            return cycle.remoteMoved(opts.vault);
        } catch (IOException | RuntimeException e) {
            return true; // let a full cycle report it
        }
    }

    /** Longest wait between retries of a cycle that keeps failing. */
    static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);

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

    /** The role's work after a cycle; a failure is reported like a failed cycle and the loop goes on. */
    private void work(Worker worker) {
        try {
            worker.afterCycle(opts.vault);
        } catch (IOException | RuntimeException e) {
            // a daemon never dies of a failure in one pass: it is reported and the next pass tries again
            ctx.err().println(ctx.command() + ": work after the cycle failed: " + AgentCli.message(e));
            if (opts.verbose) e.printStackTrace(ctx.err());
        }
        ctx.out().flush();
        ctx.err().flush();
    }

    /** How a cycle ended: it reached the remote with nothing left to push; it ran but did not (offline); it failed. */
    private enum Ended { DONE, UNFINISHED, FAILED }

    /** A failed cycle is reported and the loop goes on: the agent never stops silently. */
    @SuppressWarnings("try") // the lock is held for the cycle, not used in it
    private Ended runOnce(Path gitDir, SyncCycle cycle, SyncCycle.Prelude keeper, ScanScope scope) {
        Ended done = Ended.FAILED;
        try (AgentLock lock = AgentLock.acquire(gitDir, AgentLock.COMMAND_WAIT)) {
            SyncReport r = cycle.run(opts.vault, keeper, scope);
            Reports.print(ctx.out(), r);
            done = r.outcome().completed() ? Ended.DONE : Ended.UNFINISHED;
        } catch (IOException | RuntimeException e) {
            ctx.err().println(ctx.command() + ": cycle failed: " + AgentCli.message(e));
            if (opts.verbose) e.printStackTrace(ctx.err());
        }
        ctx.out().flush();
        ctx.err().flush();
        return done;
    }
}
