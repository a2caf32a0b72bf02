package io.vaultsync.conflict;

/** The reason a decision card gives, in words a person reads: text only, no file contents. */
public final class CardReasons {
    private CardReasons() {}

    /** A local change put on top of the remote met {@code them}'s change of the same path. */
    public static String replayed(ConflictKind kind, String them) {
        return switch (kind) {
            case CONTENT -> "This agent and " + them + " both changed the file; this agent's version stays, the other is kept.";
            case ADD_ADD -> "This agent and " + them + " both created the file; this agent's version stays, the other is kept.";
            case MODIFY_DELETE -> "One side changed the file and the other deleted it; the change stays in place.";
            case EDIT_AFTER_VERDICT -> "The draft was approved or rejected while " + them + " or this agent edited it; the"
                    + " verdict stands for the version the person saw, and the edit is kept with this card only: it does"
                    + " not come back as a draft (it would be approved and executed a second time).";
            default -> kind.yamlName() + " with " + them + ".";
        };
    }

    /** This agent's work on {@code task}, which {@code holder} holds on the remote (null: no one, it moved on). */
    public static String taskKeptAside(String task, String holder) {
        return "Task " + task + (holder == null ? " is no longer in this agent's hands on the remote"
                : " is held by " + holder + " on the remote") + "; this agent's work on it is kept aside.";
    }

    /** Both {@code me} and {@code winner} hold {@code task}; the earlier claim keeps it. */
    public static String claimedByBoth(String task, String me, String winner) {
        return "Task " + task + " is claimed by both " + me + " and " + winner + " on the remote; the earlier claim ("
                + winner + ") keeps it, and " + me + "'s copy is kept aside.";
    }

    /** This agent's uncommitted edit of a path the new head gives to someone else. */
    public static String localEditGivenUp(String path, String owner, boolean taskLost) {
        return taskLost ? "This agent's uncommitted work on a task it no longer holds is kept aside."
                : "This agent edited " + path + ", which " + owner + " owns and changed too; the owner's version stays in place.";
    }
}
