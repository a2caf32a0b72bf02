package io.vaultsync.cli;

import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.sync.AgentLock;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.sync.SyncReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "sync", description = "Run one sync cycle: commit this agent's zones, integrate the remote, push.")
public final class SyncCommand implements Callable<Integer> {
    /** How long a command waits for a running agent's cycle to finish before it gives up (exit 5). */
    public static final java.time.Duration LOCK_WAIT = java.time.Duration.ofSeconds(60);

    private final CliContext ctx;

    @Mixin
    VaultOptions opts;

    SyncCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    @SuppressWarnings("try") // the lock is held for the cycle, not used in it
    public Integer call() throws Exception {
        Path gitDir = gitDir(opts.vault);
        AgentSettings s = SettingsStore.read(gitDir);
        try (AgentLock lock = AgentLock.acquire(gitDir, LOCK_WAIT)) {
            SyncReport r = SyncCycle.standard(s).run(opts.vault);
            Reports.print(ctx.out(), r);
            return Reports.exitCode(r.outcome());
        }
    }

    /** The git directory of a vault, checked to be a clone before anything else happens. */
    public static Path gitDir(Path vault) {
        try (VaultRepo v = VaultRepo.open(vault, "main")) {
            return v.gitDir();
        }
    }
}
