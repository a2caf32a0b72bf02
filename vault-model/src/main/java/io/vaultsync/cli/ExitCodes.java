package io.vaultsync.cli;

import io.vaultsync.transport.TransportFailure;

/** Every exit code of the agents' CLIs, in one place (also listed in the README). */
public final class ExitCodes {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /** An unexpected failure; rerun with -v for the cause. */
    public static final int FAILURE = 1;
    /** Bad command line (picocli's usage error). */
    public static final int USAGE = 2;
    /** The remote could not be reached; local work is kept. */
    public static final int UNREACHABLE = 3;
    /** The task is claimed by another agent (a claim lost, or a release/handoff of someone else's task). */
    public static final int CLAIMED_BY_OTHER = 4;
    /** Another agent process holds the vault. */
    public static final int BUSY = 5;
    /** The directory is not a usable vault (not a clone, detached HEAD, wrong remote, ...). */
    public static final int BAD_VAULT = 6;
    /** The policy file is malformed. */
    public static final int BAD_POLICY = 7;
    /** Other writers kept winning the push race; nothing lost, try again. */
    public static final int CONTENDED = 8;
    /**
     * Done in this clone only: the remote was unreachable. A claim is confirmed or undone by the next sync; an
     * approve or reject is pushed by it.
     */
    public static final int PROVISIONAL = 9;
    /** No such task in {@code Needs_Action/} or {@code In_Progress/}, here or on the remote. */
    public static final int NO_SUCH_TASK = 10;
    /** The task is already in this agent's {@code In_Progress/}. */
    public static final int ALREADY_YOURS = 11;
    /** Release or handoff of a task this agent does not hold. */
    public static final int NOT_YOURS = 12;
    /** No open decision card with that id (none at all, or already resolved). */
    public static final int NO_SUCH_CARD = 13;
    /** The card is another agent's to resolve, or the option is not open to this agent. */
    public static final int NOT_PERMITTED = 14;

    /** No such draft in {@code Pending_Approval/<domain>/}, here or on the remote. */
    public static final int NO_SUCH_DRAFT = 15;
    /** The path is not a draft (outside {@code Pending_Approval/<domain>/}, a card, outside the vault). */
    public static final int NOT_A_DRAFT = 16;
    /** A file of that name is already in {@code Approved/} or {@code Rejected/}. */
    public static final int ALREADY_DECIDED = 17;

    /** {@code verify} found a problem: a broken journal record, a landed commit missing, an unhealthy repository. */
    public static final int VERIFY_FAILED = 18;

    /** The server refused the credentials (SSH key, password, token); fix them, nothing is lost. */
    public static final int AUTH_REFUSED = 19;
    /** The server's SSH host key is unknown or changed, or its TLS certificate is not trusted. */
    public static final int SERVER_UNTRUSTED = 20;
    /** The server has no repository at that URL (or hides it from these credentials). */
    public static final int NOT_FOUND = 21;
    /** The server does not let these credentials push. */
    public static final int PUSH_DENIED = 22;
    /** {@code doctor} found a failing check. */
    public static final int DOCTOR_FAILED = 23;

    /** The secret gate held back what the command would write (a draft, a rejection reason, a handoff note). */
    public static final int HELD_BY_GATE = 24;

    /** The disk is full (or over quota): nothing was lost; free space and run again. */
    public static final int DISK_FULL = 25;

    /** {@code run --http}: the endpoint's address cannot be bound (in use, not this machine's, not permitted). */
    public static final int CANNOT_SERVE = 26;

    /**
     * {@code init}: the history it would adopt (a repository without a policy) holds secrets; nothing was pushed.
     * Purge them, or run it again with {@code --accept-history}.
     */
    public static final int HISTORY_SECRETS = 27;

    /** The exit code of a transport failure of this class. */
    public static int of(TransportFailure.Kind kind) {
        return switch (kind) {
            case UNREACHABLE -> UNREACHABLE;
            case AUTH_REFUSED -> AUTH_REFUSED;
            case SERVER_UNTRUSTED -> SERVER_UNTRUSTED;
            case NOT_FOUND -> NOT_FOUND;
            case PUSH_DENIED -> PUSH_DENIED;
        };
    }

    private ExitCodes() {}
}
