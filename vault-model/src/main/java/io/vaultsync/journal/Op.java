package io.vaultsync.journal;

import java.util.Locale;
import java.util.StringJoiner;

/** The operation types a journal record announces, and their names in the journal. */
public enum Op {
    /** A local commit made by this agent, waiting to reach the remote. */
    ENQUEUE,
    /** A local commit placed on top of the fetched remote as a new commit. */
    REPLAY,
    /** A local operation's commit landed on the remote: the final commit id. */
    RECONCILE,
    /** A decision card raised. */
    CONFLICT_DETECT,
    /** A decision card closed. */
    CONFLICT_RESOLVE,
    /** Something recovery fixed: a stale lock, an interrupted merge, an unrecorded operation. */
    REPAIR_APPLY,
    /** A deleted task remembered, or a re-ingested one refused. */
    TOMBSTONE_APPLY,
    /** The remote head a cycle integrated. */
    CHECKPOINT_WRITE,
    /**
     * A rewrite of the remote branch (a forced update) acknowledged by hand: the old and new heads and the
     * landed commits it dropped (see {@link RewriteAck}).
     */
    REWRITE_ACKNOWLEDGE,
    /**
     * A fetched commit that claims this agent's name and that it never made: a forgery of its identity, refused
     * (so no catch-up ever records it as this agent's own).
     */
    FORGERY_REFUSE;

    public String journalName() {
        String[] parts = name().toLowerCase(Locale.ROOT).split("_", 2);
        String group = switch (this) {
            case ENQUEUE, REPLAY, RECONCILE -> "operation";
            default -> parts[0];
        };
        String verb = switch (this) {
            case ENQUEUE, REPLAY, RECONCILE -> parts[0];
            default -> parts[1];
        };
        return "sync." + group + "." + verb;
    }

    public static Op fromJournalName(String s) {
        for (Op o : values()) if (o.journalName().equals(s)) return o;
        StringJoiner known = new StringJoiner(", ", "known: ", "");
        for (Op o : values()) known.add(o.journalName());
        throw new IllegalArgumentException("unknown operation type '" + s + "' (" + known + ")");
    }
}
