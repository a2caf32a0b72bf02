package io.vaultsync.status;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vaultsync.git.LastPushes;
import io.vaultsync.sync.BlockedPath;
import io.vaultsync.sync.SyncState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code status} tells: where the agent stands against the remote and what it is holding back. Jackson
 * writes it as {@code status --json} prints it: stable keys in the order of the fields, ISO-8601 times, null
 * where unknown, the last pushes sorted by agent.
 */
public record StatusReport(String agent, String role, String machine, String vault, String remote, String branch,
        Instant lastSync, Instant lastAttempt, String lastOutcome, int consecutiveFailures,
        SyncState.TransportError transportError, int ahead, int behind,
        int pending, List<BlockedPath> blocked, List<String> outsideZone, List<OpenCard> conflicts,
        List<String> provisionalClaims,
        @JsonFormat(with = JsonFormat.Feature.WRITE_SORTED_MAP_ENTRIES) Map<String, LastPushes.Push> lastPushes,
        @JsonProperty("remoteMovedSinceFetch") String remoteMoved, List<String> policyNotInForce) {

    /** An open decision card. */
    public record OpenCard(String card, String kind, String path, String agent) {}

    public StatusReport {
        blocked = List.copyOf(blocked);
        outsideZone = List.copyOf(outsideZone);
        conflicts = List.copyOf(conflicts);
        provisionalClaims = List.copyOf(provisionalClaims);
        lastPushes = Map.copyOf(lastPushes);
        policyNotInForce = List.copyOf(policyNotInForce);
    }
}
