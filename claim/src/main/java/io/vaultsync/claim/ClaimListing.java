package io.vaultsync.claim;

import io.vaultsync.git.TreeFiles;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.lease.Lease;
import io.vaultsync.lease.LeaseFrontMatter;
import io.vaultsync.policy.AgentSpec;
import io.vaultsync.policy.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every claim in the clone, with its state against the remote (as last fetched) and its lease. */
public final class ClaimListing {
    private ClaimListing() {}

    public enum State {
        /** The remote has it. */
        CONFIRMED,
        /** Committed here, not on the remote yet: the next sync confirms or undoes it. */
        PROVISIONAL,
        /** In the work tree only (moved by hand): the next sync commits and pushes it. */
        UNCOMMITTED
    }

    public record Entry(String task, String path, String agent, State state, Optional<Lease> lease, boolean expired) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task", task);
            m.put("path", path);
            m.put("agent", agent);
            m.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
            m.put("claimedAt", lease.map(l -> l.claimedAt().toString()).orElse(null));
            m.put("leaseExpires", lease.map(l -> l.expires().toString()).orElse(null));
            m.put("expired", expired);
            m.put("handoffFrom", lease.map(Lease::handoffFrom).orElse(null));
            m.put("handoffNote", lease.map(Lease::note).orElse(null));
            return m;
        }
    }

    public static List<Entry> list(VaultRepo vault, Policy policy, Instant now) throws IOException {
        Set<String> remote = TreeFiles.under(vault.repository(), vault.tracking(), ClaimPaths.IN_PROGRESS).keySet();
        Set<String> head = TreeFiles.under(vault.repository(), vault.head(), ClaimPaths.IN_PROGRESS).keySet();
        List<Entry> out = new ArrayList<>();
        for (AgentSpec a : policy.agents()) {
            for (String task : LeaseKeeper.tasksIn(vault.workTree().resolve(ClaimPaths.IN_PROGRESS + a.name()))) {
                String path = ClaimPaths.claimedBy(a.name(), task);
                Optional<Lease> lease = LeaseFrontMatter.read(Files.readAllBytes(vault.workTree().resolve(path)));
                State state = remote.contains(path) ? State.CONFIRMED : head.contains(path) ? State.PROVISIONAL : State.UNCOMMITTED;
                out.add(new Entry(task, path, a.name(), state, lease, lease.map(l -> l.expiredAt(now)).orElse(false)));
            }
        }
        return out;
    }
}
