package io.vaultsync.distribution.cli;

import io.vaultsync.distribution.state.SyncLedger;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code distribute status}: each rule's last sync, branch, commit, failures and validation; exit 13 if one is stale. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Prints where each rule stands for its downstream; exits 13 when one is stale.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    SourceOptions options;

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        return options.run(spec, (loaded, out) -> {
            List<StatusTable.Row> rows = StatusTable.rows(options, loaded, clock.instant());
            for (StatusTable.Row r : rows) {
                print(out, r);
            }
            return rows.stream().anyMatch(r -> r.status() == SyncLedger.Status.STALE) ? ExitCodes.STALE : ExitCodes.OK;
        });
    }

    private static void print(PrintWriter out, StatusTable.Row r) {
        SyncLedger.Entry e = r.entry();
        out.println(r.rule().id() + " -> " + r.repo() + ": " + r.status().word());
        if (e.lastSync() == null) {
            out.println("  never synced");
        } else {
            out.println("  last sync " + e.lastSync() + ", " + e.lastVersion() + " (source " + abbrev(e.lastSourceCommit()) + ")");
            out.println("  branch " + e.lastBranch() + (e.lastCommit() == null ? "" : " at " + abbrev(e.lastCommit())));
        }
        if (e.consecutiveFailures() > 0) {
            out.println("  " + e.consecutiveFailures() + " failed attempt(s) since");
        }
        if (e.validation() != null) {
            out.println("  validation " + e.validation().status().word() + (e.validation().blocked() ? ": "
                    + String.join("; ", e.validation().failures().stream().map(c -> c.name() + " " + c.message()).toList()) : ""));
        }
    }

    private static String abbrev(String id) {
        return id == null ? "-" : id.substring(0, Math.min(12, id.length()));
    }
}
