package io.vaultsync.sync;

import io.vaultsync.config.AgentSettings;
import io.vaultsync.gate.SecretGate;
import io.vaultsync.git.Trailers;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.journal.Journal;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.Zones;
import java.time.Instant;
import java.util.Set;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * What a cycle knows once the vault is recovered and its committed policy read: given to a {@link SyncCycle.Prelude}.
 * {@code written} collects the paths a prelude wrote for the cycle's scan to commit ({@link #wrote}).
 */
public record CycleContext(VaultRepo vault, AgentSettings settings, Policy policy, Zones zones, SecretGate gate,
        Trailers trailers, PersonIdent ident, Instant now, Journal journal, Set<String> written) {

    /**
     * Says that a prelude wrote, moved or removed this path and leaves it for the scan to commit: a cycle
     * that scans only the paths a file watcher reported looks at these too.
     */
    public void wrote(String path) {
        written.add(path);
    }
}
