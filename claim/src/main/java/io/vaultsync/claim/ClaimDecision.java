package io.vaultsync.claim;

import io.vaultsync.lease.Lease;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What a claim of one task by one agent should do, given where the task is. Pure. */
public sealed interface ClaimDecision {
    /** Move it from {@code Needs_Action/} (previous null) or from an expired claim of {@code previous}. */
    record Take(String previous, Lease previousLease) implements ClaimDecision {}

    record AlreadyYours(Optional<Lease> lease) implements ClaimDecision {}

    /** Held by another agent whose lease has not expired (a claim without a lease never expires). */
    record HeldBy(String agent, Optional<Lease> lease) implements ClaimDecision {}

    record Missing() implements ClaimDecision {}

    static ClaimDecision decide(TaskPlaces where, String me, Instant now) {
        if (where.holders().containsKey(me)) return new AlreadyYours(where.holders().get(me));
        Map<String, Optional<Lease>> others = new TreeMap<>(where.holders());
        for (var e : others.entrySet()) {
            if (e.getValue().isEmpty() || !e.getValue().get().expiredAt(now)) return new HeldBy(e.getKey(), e.getValue());
        }
        if (!others.isEmpty()) {
            var first = others.entrySet().iterator().next();
            return new Take(first.getKey(), first.getValue().orElseThrow());
        }
        return where.unclaimed() ? new Take(null, null) : new Missing();
    }

    /** Who holds a task this agent releases or hands over: only its own can go. */
    sealed interface Ownership {
        record Mine(Optional<Lease> lease) implements Ownership {}

        record HeldBy(String agent) implements Ownership {}

        record Unclaimed() implements Ownership {}

        record Missing() implements Ownership {}
    }

    static Ownership ownership(TaskPlaces where, String me) {
        if (where.holders().containsKey(me)) return new Ownership.Mine(where.holders().get(me));
        if (!where.holders().isEmpty()) return new Ownership.HeldBy(new TreeMap<>(where.holders()).firstKey());
        return where.unclaimed() ? new Ownership.Unclaimed() : new Ownership.Missing();
    }
}
