package io.vaultsync.cli;

import io.vaultsync.integrate.LostClaim;
import io.vaultsync.sync.BlockedPath;
import io.vaultsync.sync.SyncOutcome;
import io.vaultsync.sync.SyncReport;
import java.io.PrintWriter;
import java.util.List;

/** Prints a cycle's report for a person: one headline, then what was held back and why. */
final class Reports {
    private Reports() {}

    static void print(PrintWriter out, SyncReport r) {
        out.println(r.agent() + ": " + headline(r.outcome()) + (r.committedPaths() == 0 ? ""
                : "; committed " + r.committedPaths() + " path" + (r.committedPaths() == 1 ? "" : "s")));
        list(out, "repaired", r.repaired());
        if (!r.blocked().isEmpty()) {
            out.println("  blocked by the secret gate (left on disk, never committed): " + r.blocked().size());
            for (BlockedPath b : r.blocked()) out.println("    " + b.path() + "  [" + b.rule() + "]");
        }
        list(out, "outside this agent's zones (left on disk, not committed)", r.outsideZone());
        list(out, "conflict cards written", r.cards());
        list(out, "local edits kept for the next cycle", r.keptLocal());
        list(out, "paths that could not be updated", r.errors());
        list(out, "task moves undone (the remote had moved the task on)",
                r.lostClaims().stream().map(io.vaultsync.integrate.LostClaim::describe).toList());
    }

    private static void list(PrintWriter out, String title, List<String> items) {
        if (items.isEmpty()) return;
        out.println("  " + title + ": " + items.size());
        for (String i : items) out.println("    " + i);
    }

    static String headline(SyncOutcome o) {
        return o.describe();
    }

    static int exitCode(SyncOutcome o) {
        if (o.completed()) return ExitCodes.OK;
        return o instanceof SyncOutcome.Offline off ? ExitCodes.of(off.failure().kind()) : ExitCodes.CONTENDED;
    }
}
