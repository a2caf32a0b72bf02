package io.vaultsync.policy;

import java.util.Objects;

/**
 * One task changing hands inside a single commit: the file leaves {@code from} and arrives at {@code to}
 * with the same name below the task folders. {@code task} is the name below {@code Needs_Action/} or
 * below {@code In_Progress/<agent>/}; {@code other} is the agent on the far side of the move, if any.
 */
public record TaskMove(Kind kind, String task, String from, String to, String other) {
    public enum Kind {
        /** {@code Needs_Action/T} to {@code In_Progress/<me>/T}. */
        CLAIM,
        /** {@code In_Progress/<me>/T} back to {@code Needs_Action/T}. */
        RELEASE,
        /** {@code In_Progress/<me>/T} to {@code In_Progress/<other>/T}. */
        HANDOFF,
        /** {@code In_Progress/<other>/T} (an expired lease) to {@code In_Progress/<me>/T}. */
        TAKEOVER,
        /** {@code In_Progress/<other>/T} (an expired lease) back to {@code Needs_Action/T}. */
        RETURN
    }

    public TaskMove {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /**
     * True when the move is only valid while the source is exactly as this agent last saw it: taking
     * someone else's task relies on its lease having expired, which a renewal meanwhile would undo.
     */
    public boolean needsUnchangedSource() {
        return kind == Kind.TAKEOVER || kind == Kind.RETURN;
    }
}
