package io.vaultsync.conflict;

import java.util.Objects;

/**
 * Who wins where two versions of one path meet. Pure functions over "which version is which"; the git
 * code asks, then acts. The zone owner's version stays in place; the other one is saved, never dropped.
 */
public final class ConflictRules {
    private ConflictRules() {}

    /** Replaying one of our commits (a change we may make) onto the remote head. */
    public enum Replay {
        /** The remote did not touch the path: our version goes in. */
        APPLY_OURS,
        /** Both sides ended with the same bytes: nothing to do. */
        ALREADY_THERE,
        /** Both changed it: ours goes in place (we own the path), theirs is saved as a conflict copy. */
        APPLY_OURS_SAVE_THEIRS,
        /** They deleted it, we changed it: ours stays, there is nothing of theirs to save. */
        APPLY_OURS_OVER_DELETION
    }

    /** Versions are blob ids as strings or null for "absent"; equal strings mean equal bytes. */
    public static Replay onReplay(String base, String ours, String theirs) {
        if (Objects.equals(theirs, ours)) return Replay.ALREADY_THERE;
        if (Objects.equals(theirs, base)) return Replay.APPLY_OURS;
        if (theirs == null) return Replay.APPLY_OURS_OVER_DELETION;
        return Replay.APPLY_OURS_SAVE_THEIRS;
    }

    public static ConflictKind kindOf(String base, String ours, String theirs) {
        if (base == null && ours != null && theirs != null) return ConflictKind.ADD_ADD;
        if (ours == null || theirs == null) return ConflictKind.MODIFY_DELETE;
        return ConflictKind.CONTENT;
    }

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
     * @param localIsOld  the file holds exactly the old head's version (or both are absent)
     * @param localIsNew  the file holds exactly the new head's version (or both are absent)
     * @param dropped     the old head's version is a local commit's change that was not carried (out of zone)
     * @param remoteChanged the remote changed the path since the local commits began (false: the only
     *                    difference is our own dropped change, which then simply stays in the work tree)
     * @param localExists the file exists in the work tree
     * @param mine        this agent may write the path
     * @param blocked     the local bytes fail the secret gate
     */
    public static Update onUpdate(boolean localIsOld, boolean localIsNew, boolean dropped, boolean remoteChanged,
            boolean localExists, boolean mine, boolean blocked) {
        if (localIsNew) return Update.NOTHING;
        if (localIsOld && !dropped) return Update.APPLY;
        if (mine) return Update.KEEP_LOCAL;
        if (dropped && !remoteChanged) return Update.KEEP_LOCAL;
        if (!localExists) return Update.APPLY;
        if (blocked) return Update.KEEP_BLOCKED;
        return Update.SAVE_LOCAL_THEN_APPLY;
    }
}
