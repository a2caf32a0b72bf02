package io.vaultsync.local.approve;

/** What an approve or reject did. */
public sealed interface VerdictResult {
    /** Moved, committed and on the remote. */
    record Done(Verdict verdict, String from, String to, String approvalId) implements VerdictResult {}

    /** Moved and committed here; the remote was unreachable, so the next sync pushes it. */
    record Provisional(Verdict verdict, String from, String to, String approvalId, String reason) implements VerdictResult {}

    /** Moved and committed here, but other writers kept winning the push race; the next sync pushes it. */
    record Contended(Verdict verdict, String from, String to, int attempts) implements VerdictResult {}

    /** No such draft here or on the remote. */
    record NoSuchDraft(String path) implements VerdictResult {}

    /** Not a path a verdict applies to. */
    record NotADraft(String input, String why) implements VerdictResult {}

    /**
     * This machine approved this draft before (an edit that came after an approval is not a new draft): an
     * item is executed at most once per draft unless the person asks again with {@code --again}; nothing moved.
     */
    record AlreadyApproved(String from, String approvalId, String time) implements VerdictResult {}

    /** A file of that name already sits in the verdict folder; nothing moved. */
    record TargetExists(String from, String to) implements VerdictResult {}
}
