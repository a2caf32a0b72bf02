package io.vaultsync.policy;

import java.util.Collection;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Where a task may be once local commits are put on top of the remote head: pure rules over what each
 * side holds (blob ids as text, null when absent), so the git code asks and then acts.
 */
public final class TaskPlacement {
    private TaskPlacement() {}

    /**
     * A move still holds on top of the remote when its source is still there; taking someone else's task
     * also needs the source unchanged (a renewed lease means its holder is still at work).
     *
     * @param sourceNow    the source's blob on top of the remote, null when gone
     * @param sourceBefore the source's blob before the move was made
     */
    public static boolean moveHolds(TaskMove move, String sourceNow, String sourceBefore) {
        Objects.requireNonNull(move, "move");
        return sourceNow != null && (!move.needsUnchangedSource() || sourceNow.equals(sourceBefore));
    }

    /**
     * What the remote shows of a task this agent writes to its own {@code In_Progress/<me>/T}.
     *
     * @param undone         our claim of it was undone earlier in the same replay
     * @param remoteHasOurs  the remote still has our {@code In_Progress/<me>/T}
     * @param weHadIt        our commit changed an existing copy (it was ours before the commit)
     * @param inNeedsAction  the remote has the task in {@code Needs_Action/}
     * @param holder         the other agent whose {@code In_Progress/} holds it on the remote, or null
     */
    public record Remote(boolean undone, boolean remoteHasOurs, boolean weHadIt, boolean inNeedsAction, String holder) {}

    /**
     * True when writing our version of {@code In_Progress/<me>/T} would put task T in two places: our
     * claim was undone earlier, the remote removed our copy (someone took the task), or the task is new
     * here while the remote has it in {@code Needs_Action/} or someone's {@code In_Progress/}.
     */
    public static boolean livesElsewhere(Remote r) {
        if (r.undone()) return true;
        if (r.remoteHasOurs()) return false;
        if (r.weHadIt()) return true;
        return r.inNeedsAction() || r.holder() != null;
    }

    /** The agent other than {@code me} whose {@code In_Progress/} holds {@code task}, or null. */
    public static String holder(String me, Collection<String> agents, String task, Predicate<String> present) {
        for (String a : agents) {
            if (!a.equals(me) && present.test(TaskMoves.IN_PROGRESS + a + "/" + task)) return a;
        }
        return null;
    }

    /**
     * Where the version of a task that stays lives on the remote: the holder's {@code In_Progress/}, else
     * {@code Needs_Action/} when it is there, else nowhere (null).
     */
    public static String theirsAt(String task, String holder, Predicate<String> present) {
        if (holder != null) return TaskMoves.IN_PROGRESS + holder + "/" + task;
        String waiting = TaskMoves.NEEDS_ACTION + task;
        return present.test(waiting) ? waiting : null;
    }
}
