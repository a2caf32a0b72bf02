package io.vaultsync.claim;

import com.fasterxml.jackson.annotation.JsonValue;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Every claim in the clone, with its state against the remote (as last fetched) and its lease. */
public final class ClaimListing {
    private ClaimListing() {}

    /** Jackson writes a state in lower case ({@code confirmed}), as {@code claims --json} prints it. */
    public enum State {
        /** The remote has it. */
        CONFIRMED,
        /** Committed here, not on the remote yet: the next sync confirms or undoes it. */
        PROVISIONAL,
        /** In the work tree only (moved by hand): the next sync commits and pushes it. */
        UNCOMMITTED;

        /** As printed: {@code confirmed}, {@code provisional}, {@code uncommitted}. */
        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One claim; Jackson writes it as {@link Json}, the lease spread out. */
    public record Entry(String task, String path, String agent, State state, Optional<Lease> lease, boolean expired) {
        @JsonValue
        Json json() {
            Lease l = lease.orElse(null);
            return l == null ? new Json(task, path, agent, state, null, null, expired, null, null)
                    : new Json(task, path, agent, state, l.claimedAt(), l.expires(), expired, l.handoffFrom(), l.note());
        }
    }

    /** What {@code claims --json} prints of a claim (null where there is no lease). */
    record Json(String task, String path, String agent, State state, Instant claimedAt, Instant leaseExpires,
            boolean expired, String handoffFrom, String handoffNote) {}

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
