package io.vaultsync.distribution.publish;

import io.vaultsync.distribution.validate.SyncValidation;

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
     * the report, the PR text, and what auto-merge and the PR command did (null when not configured).
     */
    record Published(String rule, String downstream, String branch, String commit, Changes changes, SyncValidation report,
            String title, String body, boolean dryRun, String autoMerge, String prCommand) implements RunResult {
        Published withPrCommand(String outcome) {
            return new Published(rule, downstream, branch, commit, changes, report, title, body, dryRun, autoMerge, outcome);
        }
    }
}
