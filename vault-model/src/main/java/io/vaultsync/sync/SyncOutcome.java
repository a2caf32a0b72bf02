package io.vaultsync.sync;

import io.vaultsync.transport.TransportFailure;

/** How a cycle ended. Every case is an expected outcome, not an error. */
public sealed interface SyncOutcome {
    /**
     * The remote branch now holds everything this agent had to give, and this clone holds the remote's.
     *
     * @param lostRaces pushes of this cycle that another writer beat before one landed (for the metrics)
     */
    record Synced(String remoteHead, int pushedCommits, int pulledCommits, int lostRaces) implements SyncOutcome {
        public Synced(String remoteHead, int pushedCommits, int pulledCommits) {
            this(remoteHead, pushedCommits, pulledCommits, 0);
        }
    }

    /** Nothing to send and nothing new on the remote: nothing moved. */
    record UpToDate(String remoteHead) implements SyncOutcome {}

    /**
     * The remote could not be used (unreachable, credentials refused, server not trusted, no repository, push
     * denied): local commits are kept and pushed by a later cycle.
     */
    record Offline(TransportFailure failure) implements SyncOutcome {
        public Offline {
            java.util.Objects.requireNonNull(failure, "failure");
        }

        /** The failure's message and what to do about it, on one line. */
        public String reason() {
            return failure.describe();
        }
    }

    /** Other writers kept winning the push race until the retry budget ran out; nothing is lost. */
    record Contended(int attempts, String lastRejection) implements SyncOutcome {}

    default boolean completed() {
        return this instanceof Synced || this instanceof UpToDate;
    }
}
