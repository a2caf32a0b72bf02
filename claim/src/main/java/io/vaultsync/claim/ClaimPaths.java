package io.vaultsync.claim;

import io.vaultsync.policy.TaskMoves;

/**
 * Where a task lives before and after a claim. The claim protocol itself (move that fails if the
 * target exists, immediate commit, compare-and-swap push, leases) builds on this in the claims issue.
 */
public final class ClaimPaths {
    public static final String UNCLAIMED = TaskMoves.NEEDS_ACTION;
    public static final String IN_PROGRESS = TaskMoves.IN_PROGRESS;

    private ClaimPaths() {}

    /** {@code Needs_Action/<task>} for a task file name; rejects names that would escape the folder. */
    public static String unclaimed(String task) {
        return UNCLAIMED + checkName(task);
    }

    /** {@code In_Progress/<agent>/<task>}. */
    public static String claimedBy(String agent, String task) {
        return IN_PROGRESS + checkName(agent) + "/" + checkName(task);
    }

    static String checkName(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name is blank");
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        return name;
    }
}
