package io.vaultsync.claim;

import io.vaultsync.lease.Lease;
import java.util.Map;
import java.util.Optional;

/**
 * Where one task is: whether {@code Needs_Action/} has it, and which agents' {@code In_Progress/} hold
 * it, with the lease each copy carries (empty when it has none, e.g. moved there by hand).
 */
public record TaskPlaces(String task, boolean unclaimed, Map<String, Optional<Lease>> holders) {
    public TaskPlaces {
        holders = Map.copyOf(holders);
    }
}
