package io.vaultsync.cli;

import io.vaultsync.VaultException;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.Durations;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.sync.AgentLock;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.sync.SyncReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", description = "Sync in a loop until SIGTERM or SIGINT, which finish the cycle in flight.")
final class RunCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    VaultOptions opts;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time between cycles, e.g. 200ms, 1s, 30s, 5m (default: the agent's setting, 30s).")
    Duration interval;

    RunCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    @SuppressWarnings("try") // the daemon lock is held for the life of the loop, not used in it
    public Integer call() throws Exception {
        Path gitDir = SyncCommand.gitDir(opts.vault);
        AgentSettings s = SettingsStore.read(gitDir);
        Duration every = interval == null ? s.interval() : interval;
        try (AgentLock daemon = AgentLock.daemon(gitDir)) {
            StopSignal stop = StopSignal.install();
            SyncCycle cycle = SyncCycle.standard(s);
            SyncCycle.Prelude keeper = ctx.extension().keeper(s);
            AgentExtension.Worker worker = ctx.extension().worker(ctx, s, cycle);
            ctx.out().println(s.name() + ": running on " + opts.vault.toAbsolutePath() + " every "
                    + Durations.format(every) + " (pid " + ProcessHandle.current().pid() + ")");
            ctx.out().flush();
            long n = 0;
            while (!stop.requested()) {
                n++;
                runOnce(gitDir, cycle, keeper);
                work(worker);
                stop.await(every);
            }
            ctx.out().println(s.name() + ": stopped after " + n + " cycle" + (n == 1 ? "" : "s"));
            return ExitCodes.OK;
        }
    }

    /** The role's work after a cycle; a failure is reported like a failed cycle and the loop goes on. */
    private void work(AgentExtension.Worker worker) {
        try {
            worker.afterCycle(opts.vault);
        } catch (VaultException | IOException e) {
            ctx.err().println(ctx.command() + ": work after the cycle failed: " + AgentCli.message(e));
            if (opts.verbose) e.printStackTrace(ctx.err());
        }
        ctx.out().flush();
        ctx.err().flush();
    }

    /** A failed cycle is reported and the loop goes on: the agent never stops silently. */
    @SuppressWarnings("try") // the lock is held for the cycle, not used in it
    private void runOnce(Path gitDir, SyncCycle cycle, SyncCycle.Prelude keeper) {
        try (AgentLock lock = AgentLock.acquire(gitDir, SyncCommand.LOCK_WAIT)) {
            SyncReport r = cycle.run(opts.vault, keeper);
            Reports.print(ctx.out(), r);
        } catch (VaultException | IOException e) {
            ctx.err().println(ctx.command() + ": cycle failed: " + AgentCli.message(e));
            if (opts.verbose) e.printStackTrace(ctx.err());
        }
        ctx.out().flush();
        ctx.err().flush();
    }
}
