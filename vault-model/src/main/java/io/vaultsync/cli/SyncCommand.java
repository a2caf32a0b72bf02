package io.vaultsync.cli;

import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.git.ScanScope;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.sync.AgentLock;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.sync.SyncOutcome;
import io.vaultsync.sync.SyncReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "sync", description = "Run one sync cycle: commit this agent's zones, integrate the remote, push.")
public final class SyncCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    VaultOptions opts;

    SyncCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    @SuppressWarnings("try") // the lock is held for the cycle, not used in it
    public Integer call() throws Exception {
        Path gitDir = VaultRepo.gitDirOf(opts.vault);
        AgentSettings s = SettingsStore.read(gitDir);
        try (AgentLock lock = AgentLock.acquire(gitDir, AgentLock.COMMAND_WAIT)) {
            // the same cycle as run's: lease renewals, hand approvals and the dashboard (local) included
            SyncCycle cycle = SyncCycle.standard(s);
            SyncCycle.Prelude keeper = ctx.extension().keeper(s);
            SyncReport r = cycle.run(opts.vault, keeper);
            Reports.print(ctx.out(), r);
            if (r.outcome() instanceof SyncOutcome.Synced synced && synced.pulledCommits() > 0) {
                // what came in is seen by the keeper only in the next cycle, which run would start at once
                SyncReport after = cycle.run(opts.vault, keeper, ScanScope.NONE);
                if (after.committedPaths() > 0 || !after.outcome().completed()) Reports.print(ctx.out(), after);
                return Reports.exitCode(after.outcome());
            }
            return Reports.exitCode(r.outcome());
        }
    }
}
