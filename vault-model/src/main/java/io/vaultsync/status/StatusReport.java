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
 * where unknown, the last pushes sorted by agent. The last fields came later and stay last: whether an agent
 * runs on the vault ({@code daemonState}: {@code running} or {@code not running} and why), the running agent or
 * null, and where the scan came from.
 */
public record StatusReport(String agent, String role, String machine, String vault, String remote, String branch,
        Instant lastSync, Instant lastAttempt, String lastOutcome, int consecutiveFailures,
        SyncState.TransportError transportError, int ahead, int behind,
        int pending, List<BlockedPath> blocked, List<String> outsideZone, List<OpenCard> conflicts,
        List<String> provisionalClaims,
        @JsonFormat(with = JsonFormat.Feature.WRITE_SORTED_MAP_ENTRIES) Map<String, LastPushes.Push> lastPushes,
        @JsonProperty("remoteMovedSinceFetch") String remoteMoved, List<String> policyNotInForce,
        String daemonState, Daemon daemon, Scan scan) {

    /** An open decision card. */
    public record OpenCard(String card, String kind, String path, String agent) {}

    /**
     * The agent running on this vault ({@code run}), as its daemon file says.
     *
     * @param endpoint where its HTTP endpoint listens, or null for none
     */
    public record Daemon(long pid, Instant since, Instant lastCycle, String lastOutcome, String lastError, String endpoint) {}

    /**
     * Where {@link #pending}, {@link #blocked} and {@link #outsideZone} come from.
     *
     * @param by {@code status} (this command scanned the work tree) or {@code daemon} (the running agent's last
     *           scan, its watcher having seen no change since)
     * @param at when that scan was made
     */
    public record Scan(String by, Instant at) {}

    /** Without what {@code status} adds about a running agent (the fields before they existed). */
    public StatusReport(String agent, String role, String machine, String vault, String remote, String branch,
            Instant lastSync, Instant lastAttempt, String lastOutcome, int consecutiveFailures,
            SyncState.TransportError transportError, int ahead, int behind, int pending, List<BlockedPath> blocked,
            List<String> outsideZone, List<OpenCard> conflicts, List<String> provisionalClaims,
            Map<String, LastPushes.Push> lastPushes, String remoteMoved, List<String> policyNotInForce) {
        this(agent, role, machine, vault, remote, branch, lastSync, lastAttempt, lastOutcome, consecutiveFailures,
                transportError, ahead, behind, pending, blocked, outsideZone, conflicts, provisionalClaims, lastPushes,
                remoteMoved, policyNotInForce, null, null, null);
    }

    public StatusReport {
        blocked = List.copyOf(blocked);
        outsideZone = List.copyOf(outsideZone);
        conflicts = List.copyOf(conflicts);
        provisionalClaims = List.copyOf(provisionalClaims);
        lastPushes = Map.copyOf(lastPushes);
        policyNotInForce = List.copyOf(policyNotInForce);
    }
}
