package io.vaultsync.status;

import io.vaultsync.git.LastPushes;
import io.vaultsync.sync.BlockedPath;
import io.vaultsync.sync.SyncState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code status} tells: where the agent stands against the remote and what it is holding back. */
public record StatusReport(String agent, String role, String machine, String vault, String remote, String branch,
        Instant lastSync, Instant lastAttempt, String lastOutcome, int consecutiveFailures,
        SyncState.TransportError transportError, int ahead, int behind,
        int pending, List<BlockedPath> blocked, List<String> outsideZone, List<OpenCard> conflicts,
        List<String> provisionalClaims, Map<String, LastPushes.Push> lastPushes, String remoteMoved,
        List<String> policyNotInForce) {

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

    /** The JSON shape of {@code status --json}: stable keys, ISO-8601 times, null where unknown. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent", agent);
        m.put("role", role);
        m.put("machine", machine);
        m.put("vault", vault);
        m.put("remote", remote);
        m.put("branch", branch);
        m.put("lastSync", lastSync == null ? null : lastSync.toString());
        m.put("lastAttempt", lastAttempt == null ? null : lastAttempt.toString());
        m.put("lastOutcome", lastOutcome);
        m.put("consecutiveFailures", consecutiveFailures);
        if (transportError == null) {
            m.put("transportError", null);
        } else {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("kind", transportError.kind());
            e.put("message", transportError.message());
            e.put("since", transportError.since().toString());
            m.put("transportError", e);
        }
        m.put("ahead", ahead);
        m.put("behind", behind);
        m.put("pending", pending);
        m.put("blocked", blocked.stream().map(b -> Map.of("path", b.path(), "rule", b.rule())).toList());
        m.put("outsideZone", outsideZone);
        m.put("conflicts", conflicts.stream().map(c -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("card", c.card());
            e.put("kind", c.kind());
            e.put("path", c.path());
            e.put("agent", c.agent());
            return e;
        }).toList());
        m.put("provisionalClaims", provisionalClaims);
        Map<String, Object> pushes = new LinkedHashMap<>();
        lastPushes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("commit", e.getValue().commit());
            p.put("time", e.getValue().time().toString());
            p.put("machine", e.getValue().machine());
            pushes.put(e.getKey(), p);
        });
        m.put("lastPushes", pushes);
        m.put("remoteMovedSinceFetch", remoteMoved);
        m.put("policyNotInForce", policyNotInForce);
        return m;
    }
}
