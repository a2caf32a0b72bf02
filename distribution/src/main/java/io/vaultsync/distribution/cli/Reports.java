package io.vaultsync.distribution.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vaultsync.config.Mappers;
import io.vaultsync.distribution.publish.RunResult;
import io.vaultsync.distribution.validate.SyncValidation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** What {@code publish} prints for each result, and the exit code of a run. */
final class Reports {
    private Reports() {
    }

    static void print(PrintWriter out, RunResult r) {
        String who = r.rule() + " -> " + r.downstream();
        if (r instanceof RunResult.NotDue n) {
            out.println("not due     " + who + ": " + n.reason());
        } else if (r instanceof RunResult.UpToDate u) {
            out.println("up to date  " + who + ": " + u.branch() + " already has these files (nothing pushed)");
        } else if (r instanceof RunResult.Blocked b) {
            out.println("BLOCKED     " + who + ": validation failed, nothing pushed");
            for (SyncValidation.Check c : b.report().failures()) {
                out.println("  " + c.name() + ": " + String.join(", ", c.files()) + (c.files().isEmpty() ? "" : ": ") + c.message());
            }
            out.print(yaml(b.report()));
        } else if (r instanceof RunResult.Unreachable u) {
            out.println("UNREACHABLE " + who + ": " + u.message());
        } else if (r instanceof RunResult.Rejected j) {
            out.println("REJECTED    " + who + ": push of " + j.branch() + " refused (" + j.status() + "); nothing changed, run again");
        } else if (r instanceof RunResult.Published p) {
            out.println((p.dryRun() ? "would push  " : "published   ") + who + ": " + p.branch()
                    + (p.commit() == null ? "" : " at " + p.commit().substring(0, 12)) + " (" + p.changes().added().size() + " added, "
                    + p.changes().modified().size() + " modified, " + p.changes().removed().size() + " removed; validation "
                    + p.report().status().word() + ")");
            p.conflicts().forEach(c -> out.println("  CONFLICT " + c.location() + ": " + c.detail()));
            if (p.autoMerge() != null) {
                out.println("  auto-merge: " + p.autoMerge());
            }
            if (p.prCommand() != null) {
                out.println("  PR command: " + p.prCommand());
            }
            out.println("  PR title: " + p.title());
            out.println("  PR body:");
            p.body().lines().forEach(l -> out.println("    " + l));
        }
    }

    /** The report as the {@code sync_validation:} YAML block. */
    static String yaml(SyncValidation report) {
        try {
            return Mappers.YAML.writeValueAsString(Map.of("sync_validation", report)).replaceFirst("^---\\n", "");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Validation blocked wins, then unreachable/rejected, then merge conflicts left for review, else 0. */
    static int exitCode(List<RunResult> results) {
        if (results.stream().anyMatch(r -> r instanceof RunResult.Blocked)) {
            return ExitCodes.VALIDATION_BLOCKED;
        }
        if (results.stream().anyMatch(r -> r instanceof RunResult.Unreachable || r instanceof RunResult.Rejected)) {
            return ExitCodes.UNREACHABLE;
        }
        if (results.stream().anyMatch(r -> r instanceof RunResult.Published p && !p.conflicts().isEmpty())) {
            return ExitCodes.CONFLICTS;
        }
        return ExitCodes.OK;
    }
}
