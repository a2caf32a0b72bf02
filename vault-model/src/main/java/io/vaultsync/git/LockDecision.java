package io.vaultsync.git;

import java.time.Duration;

/**
 * What recovery does with a git {@code *.lock} file: a killed process's lock is removed, a live one is left
 * to its owner. Age alone does not tell (a person's {@code git commit -a} holds {@code index.lock} as long
 * as its editor is open): a lock older than {@code staleAfter} is removed only when no git process works in
 * the repository, or, where that cannot be told or one does, once it is older than {@code abandonedAfter}.
 */
public enum LockDecision {
    /** Young: its owner is probably still at work; wait a little. */
    WAIT,
    /** A git process works in the repository: leave the lock, skip this cycle's git work. */
    LEAVE,
    /** Nobody holds it: remove it. */
    REMOVE;

    /** {@code seen}: whether a git process works in the repository (asked only for a lock past {@code staleAfter}). */
    public static LockDecision of(Duration age, Duration staleAfter, Duration abandonedAfter, GitProcesses.Seen seen) {
        if (age.compareTo(staleAfter) < 0) return WAIT;
        if (age.compareTo(abandonedAfter) >= 0) return REMOVE;
        return seen instanceof GitProcesses.Seen.None ? REMOVE : LEAVE;
    }
}
