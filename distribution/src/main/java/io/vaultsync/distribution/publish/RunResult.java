package io.vaultsync.distribution.publish;

import io.vaultsync.distribution.merge.MergeConflict;
import io.vaultsync.distribution.validate.SyncValidation;
import java.util.List;

/** How one rule ended for one downstream in a publish run. */
public sealed interface RunResult {
    String rule();

    String downstream();

    /** Not due: nothing looked at downstream. */
    record NotDue(String rule, String downstream, String reason) implements RunResult {
    }

    /** The downstream already has exactly these outputs from this source commit: nothing pushed. */
    record UpToDate(String rule, String downstream, String branch) implements RunResult {
    }

    /** Validation failed: nothing pushed. */
    record Blocked(String rule, String downstream, SyncValidation report) implements RunResult {
    }

    /** The downstream could not be fetched or pushed to. */
    record Unreachable(String rule, String downstream, String message) implements RunResult {
    }

    /** The push was refused (someone moved the branch meanwhile): nothing changed, run again. */
    record Rejected(String rule, String downstream, String branch, String status) implements RunResult {
    }

    /**
     * Published (or, in a dry run, planned): the sync branch and commit (null in a dry run), the file changes,
     * the report, the PR text, what auto-merge and the PR command did (null when not configured), and the merge
     * conflicts with overrides left on the branch (merge.OverrideSync).
     */
    record Published(String rule, String downstream, String branch, String commit, Changes changes, SyncValidation report,
            String title, String body, boolean dryRun, String autoMerge, String prCommand, List<MergeConflict> conflicts)
            implements RunResult {
        public Published {
            conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
        }

        Published withPrCommand(String outcome) {
            return new Published(rule, downstream, branch, commit, changes, report, title, body, dryRun, autoMerge, outcome, conflicts);
        }
    }
}
