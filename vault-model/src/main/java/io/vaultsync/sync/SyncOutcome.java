package io.vaultsync.sync;

/** How a cycle ended. Every case is an expected outcome, not an error. */
public sealed interface SyncOutcome {
    /** The remote branch now holds everything this agent had to give, and this clone holds the remote's. */
    record Synced(String remoteHead, int pushedCommits, int pulledCommits) implements SyncOutcome {}

    /** Nothing to send and nothing new on the remote: nothing moved. */
    record UpToDate(String remoteHead) implements SyncOutcome {}

    /** The remote could not be reached: local commits are kept and pushed by a later cycle. */
    record Offline(String reason) implements SyncOutcome {}

    /** Other writers kept winning the push race until the retry budget ran out; nothing is lost. */
    record Contended(int attempts, String lastRejection) implements SyncOutcome {}

    default boolean completed() {
        return this instanceof Synced || this instanceof UpToDate;
    }
}
