package io.vaultsync.sync;

import io.vaultsync.config.AgentSettings;
import io.vaultsync.gate.SecretGate;
import io.vaultsync.git.Trailers;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.journal.Journal;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.Zones;
import java.time.Instant;
import org.eclipse.jgit.lib.PersonIdent;

/** What a cycle knows once the vault is recovered and its committed policy read: given to a {@link SyncCycle.Prelude}. */
public record CycleContext(VaultRepo vault, AgentSettings settings, Policy policy, Zones zones, SecretGate gate,
        Trailers trailers, PersonIdent ident, Instant now, Journal journal) {}
