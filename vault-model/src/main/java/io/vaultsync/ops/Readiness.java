package io.vaultsync.ops;

import io.vaultsync.sync.LoopHealth;
import io.vaultsync.transport.TransportFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether a running agent is ready ({@code /readyz}): a pure decision over what the loop last did. Ready
 * means its last successful sync is younger than {@code stale_after}, its policy could be read, and its
 * remote is not refusing it for credentials or an untrusted server. It turns back to ready as soon as a
 * cycle reaches the remote again.
 */
public final class Readiness {
    /** Why an agent is not ready; {@link #code} is what {@code /readyz} says. */
    public enum Reason {
        /** The loop has not started (the daemon lock is not held yet). */
        NOT_STARTED("not_started"),
        /** No cycle has reached the remote since the start. */
        NOT_SYNCED("not_synced"),
        /** The last successful sync is older than {@code stale_after}. */
        STALE("stale"),
        /** The last cycle failed: the server refused the credentials. */
        AUTH_FAILED("auth_failed"),
        /** The last cycle failed: the server's host key or certificate is not trusted. */
        HOST_KEY("host_key"),
        /** The last cycle failed: the vault's policy could not be read. */
        POLICY_UNREADABLE("policy_unreadable"),
        /** SIGTERM or SIGINT came: the agent is going away. */
        STOPPING("stopping");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * The answer: ready, or the reasons it is not (in the order of {@link Reason}).
     *
     * @param lastSuccess when the last successful sync ended, or null
     * @param age         how long ago that was, or null
     */
    public record Verdict(List<Reason> reasons, Instant lastSuccess, Duration age) {
        public Verdict {
            reasons = List.copyOf(reasons);
        }

        public boolean ready() {
            return reasons.isEmpty();
        }
    }

    private Readiness() {}

    /**
     * @param s              what the loop last did
     * @param confirmed      when a look at the remote last found it where this clone left it (an idle agent runs
     *                       no cycle, it only looks), or null: it counts as a successful sync
     * @param now            the wall clock now
     * @param staleAfter     how old the last successful sync may be
     * @param policyReadable whether the last cycle could read the policy (false: it failed on it)
     */
    public static Verdict decide(LoopHealth.Snapshot s, Instant confirmed, Instant now, Duration staleAfter,
            boolean policyReadable) {
        Objects.requireNonNull(s, "snapshot");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(staleAfter, "staleAfter");
        List<Reason> why = new ArrayList<>();
        Instant last = latest(s.lastSuccess(), confirmed);
        Duration age = last == null ? null : Duration.between(last, now);
        if (s.startedAt() == null) {
            why.add(Reason.NOT_STARTED);
        } else if (last == null) {
            why.add(Reason.NOT_SYNCED);
        } else if (age.compareTo(staleAfter) > 0) {
            why.add(Reason.STALE);
        }
        boolean failing = s.failedInRow() > 0;
        if (failing && s.lastFailure() == TransportFailure.Kind.AUTH_REFUSED) why.add(Reason.AUTH_FAILED);
        if (failing && s.lastFailure() == TransportFailure.Kind.SERVER_UNTRUSTED) why.add(Reason.HOST_KEY);
        if (!policyReadable) why.add(Reason.POLICY_UNREADABLE);
        if (s.stopping()) why.add(Reason.STOPPING);
        return new Verdict(why, last, age);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
