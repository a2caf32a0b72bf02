package io.vaultsync.conflict;

/**
 * What bringing the work tree to a new head does to one file: pure, over what the file holds and whose it
 * is. Which version of a path stays in the branch is {@link ConflictDecision}'s.
 */
public final class WorkTreeUpdate {
    private WorkTreeUpdate() {}

    /** Bringing the work tree from the old head to the new one, for one path the two heads disagree on. */
    public enum Update {
        /** Write the new version (the file was clean). */
        APPLY,
        /** The file already holds the new version. */
        NOTHING,
        /** A local edit of our own path that is not committed yet: keep it, the next scan commits it. */
        KEEP_LOCAL,
        /** A local edit of someone else's path: save it as a conflict copy, then write the owner's version. */
        SAVE_LOCAL_THEN_APPLY,
        /** As above, but the local bytes are held back by the secret gate: leave the file untouched. */
        KEEP_BLOCKED
    }

    /**
     * One file as the work tree is brought from the old head to the new one.
     *
     * @param localIsOld  the file holds exactly the old head's version (or both are absent)
     * @param localIsNew  the file holds exactly the new head's version (or both are absent)
     * @param dropped     the old head's version is a local commit's change that was not carried (out of zone)
     * @param remoteChanged the remote changed the path since the local commits began (false: the only
     *                    difference is our own dropped change, which then simply stays in the work tree)
     * @param localExists the file exists in the work tree
     * @param mine        this agent may write the path
     * @param blocked     the local bytes fail the secret gate
     */
    public record File(boolean localIsOld, boolean localIsNew, boolean dropped, boolean remoteChanged,
            boolean localExists, boolean mine, boolean blocked) {}

    public static Update of(File f) {
        if (f.localIsNew()) return Update.NOTHING;
        if (f.localIsOld() && !f.dropped()) return Update.APPLY;
        if (f.mine()) return Update.KEEP_LOCAL;
        if (f.dropped() && !f.remoteChanged()) return Update.KEEP_LOCAL;
        if (!f.localExists()) return Update.APPLY;
        if (f.blocked()) return Update.KEEP_BLOCKED;
        return Update.SAVE_LOCAL_THEN_APPLY;
    }
}
