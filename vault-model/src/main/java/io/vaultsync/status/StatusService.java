package io.vaultsync.status;

import io.vaultsync.transport.RemoteException;
import io.vaultsync.transport.Redact;
import io.vaultsync.VaultStateException;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.gate.SecretGate;
import io.vaultsync.git.Commits;
import io.vaultsync.git.LastPushes;
import io.vaultsync.git.RemoteBranch;
import io.vaultsync.git.TreeFiles;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.git.WorkTreeScan;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.Zones;
import io.vaultsync.sync.Candidates;
import io.vaultsync.sync.PolicyGate;
import io.vaultsync.sync.SyncState;
import io.vaultsync.sync.VaultPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Computes the status without changing anything and without the network: ahead/behind are counted
 * against the remote head as of the last fetch.
 */
public final class StatusService {
    private StatusService() {}

    /** Claims in this clone's {@code In_Progress/<agent>/} that the remote (as last fetched) does not have. */
    public static List<String> provisional(VaultRepo vault, String agent, ObjectId head, ObjectId tracking)
            throws IOException {
        String folder = "In_Progress/" + agent + "/";
        var confirmed = TreeFiles.under(vault.repository(), tracking, folder).keySet();
        return TreeFiles.under(vault.repository(), head, folder).keySet().stream()
                .filter(p -> !confirmed.contains(p)).toList();
    }

    /** {@code no}, {@code yes} (someone pushed since this clone's last fetch), or {@code unknown: why}. */
    static String remoteMoved(VaultRepo vault, ObjectId tracking) {
        try {
            ObjectId now = RemoteBranch.peek(vault);
            return Objects.equals(now, tracking) ? "no" : "yes";
        } catch (RemoteException | VaultStateException e) {
            return "unknown: " + e.getMessage();
        }
    }

    public static StatusReport compute(Path vaultDir, AgentSettings s) throws IOException {
        try (VaultRepo vault = VaultRepo.open(vaultDir, s.branch())) {
            VaultPolicy.InForce inForce = VaultPolicy.inForce(vault);
            Policy policy = inForce.policy();
            SecretGate gate = PolicyGate.of(policy);
            Candidates c = Candidates.classify(vault.workTree(), new Zones(policy), gate, s.name(),
                    WorkTreeScan.scan(vault).changes());
            SyncState st = SyncState.read(vault.gitDir());
            ObjectId head = vault.head();
            ObjectId tracking = vault.tracking();
            return new StatusReport(s.name(), s.role().name().toLowerCase(Locale.ROOT), s.machine(),
                    vault.workTree().toString(), Redact.url(vault.remoteUrl()), s.branch(), st.lastSync(), st.lastAttempt(),
                    st.lastOutcome(), st.consecutiveFailures(), st.transportError(), Commits.count(vault.repository(), head, tracking),
                    Commits.count(vault.repository(), tracking, head),
                    c.stageable().size(), c.blocked(), c.outside(), OpenCards.list(vault.workTree()),
                    provisional(vault, s.name(), head, tracking), LastPushes.of(vault.repository(), tracking, policy),
                    remoteMoved(vault, tracking), inForce.ignored());
        }
    }
}
