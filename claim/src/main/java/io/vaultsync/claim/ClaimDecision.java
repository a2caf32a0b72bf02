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

    /** What releasing or handing over one's own task should do. */
    sealed interface Own {
        record Mine(Optional<Lease> lease) implements Own {}

        record HeldBy(String agent) implements Own {}

        record Unclaimed() implements Own {}

        record Missing() implements Own {}
    }

    static Own own(TaskPlaces where, String me) {
        if (where.holders().containsKey(me)) return new Own.Mine(where.holders().get(me));
        if (!where.holders().isEmpty()) return new Own.HeldBy(new TreeMap<>(where.holders()).firstKey());
        return where.unclaimed() ? new Own.Unclaimed() : new Own.Missing();
    }
}
