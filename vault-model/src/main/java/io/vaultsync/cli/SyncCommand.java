package io.vaultsync.cli;

import io.vaultsync.config.AgentSettings;
import io.vaultsync.git.ScanScope;
import io.vaultsync.progress.Progress;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.sync.SyncOutcome;
import io.vaultsync.sync.SyncReport;
import picocli.CommandLine.Command;

@Command(addMethodSubcommands = false, name = "sync", description = "Run one sync cycle: commit this agent's zones, integrate the remote, push.")
public final class SyncCommand extends VaultCommand {

    @Override
    public Integer call() throws Exception {
        return locked(this::sync);
    }

    private int sync(AgentSettings s) throws Exception {
        // the same cycle as run's: lease renewals, hand approvals and the dashboard (local) included
        SyncCycle cycle = SyncCycle.standard(s).showing(Progress.forCli(ctx.err())); // a big new vault takes a while
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
