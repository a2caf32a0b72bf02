package io.vaultsync.claim.cli;

import io.vaultsync.claim.ClaimListing;
import io.vaultsync.cli.VaultCommand;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.sync.ClaimLog;
import io.vaultsync.sync.VaultPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(addMethodSubcommands = false, name = "claims", description = "List the claims in this clone: owner, state (confirmed, provisional,"
        + " uncommitted), lease expiry, handoff notes. No network.")
final class ClaimsCommand extends VaultCommand {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--history", description = "Show this agent's claim record instead (claimed, undone, returned, ...).")
    boolean history;

    @Override
    public Integer call() throws Exception {
        Path gitDir = VaultRepo.gitDirOf(opts.vault());
        AgentSettings s = SettingsStore.read(gitDir);
        if (history) {
            List<ClaimLog.Entry> log = ClaimLog.read(gitDir);
            return print(json, () -> log,
                    out -> log.forEach(e -> out.printf("%s  %-9s %s  %s%n", e.time(), e.op(), e.task(), e.detail())));
        }
        try (VaultRepo vault = VaultRepo.open(opts.vault(), s.branch())) {
            List<ClaimListing.Entry> claims = ClaimListing.list(vault, VaultPolicy.committed(vault), ctx.clock().instant());
            return print(json, () -> claims, out -> text(out, claims));
        }
    }

    private static void text(PrintWriter out, List<ClaimListing.Entry> claims) {
        if (claims.isEmpty()) out.println("no claims");
        for (ClaimListing.Entry c : claims) {
            out.printf("%-30s %-14s %-12s %s%s%n", c.task(), c.agent(), c.state().label(),
                    c.lease().map(l -> "lease until " + l.expires() + (c.expired() ? " (EXPIRED)" : "")).orElse("no lease"),
                    c.lease().filter(l -> l.handoffFrom() != null)
                            .map(l -> "  from " + l.handoffFrom() + (l.note() == null ? "" : ": " + l.note())).orElse(""));
        }
    }
}
