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

    /** The outcome in words, on one line (what the CLI prints and the log says; never the record's own text). */
    default String describe() {
        if (this instanceof Synced s) {
            return "synced, pushed " + commits(s.pushedCommits()) + ", pulled " + commits(s.pulledCommits())
                    + " (remote at " + s.remoteHead().substring(0, Math.min(8, s.remoteHead().length())) + ")";
        }
        if (this instanceof UpToDate u) {
            return "up to date (remote at " + u.remoteHead().substring(0, Math.min(8, u.remoteHead().length())) + ")";
        }
        if (this instanceof Offline off) {
            return off.failure().kind().label() + ", local commits kept for the next cycle: " + off.reason();
        }
        Contended c = (Contended) this;
        return "lost the push race " + c.attempts() + " times (last: " + c.lastRejection() + "); nothing lost, sync again";
    }

    private static String commits(int n) {
        return n + " commit" + (n == 1 ? "" : "s");
    }

    default boolean completed() {
        return this instanceof Synced || this instanceof UpToDate;
    }
}
