package io.vaultsync.status;

import io.vaultsync.transport.RemoteException;
import io.vaultsync.transport.Redact;
import io.vaultsync.VaultStateException;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.daemon.DaemonFile;
import io.vaultsync.daemon.DaemonRecord;
import io.vaultsync.daemon.TreeKeys;
import io.vaultsync.git.Commits;
import io.vaultsync.git.LastPushes;
import io.vaultsync.git.ScanScope;
import io.vaultsync.git.RemoteBranch;
import io.vaultsync.git.TreeFiles;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.git.WorkTreeScan;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.Zones;
import io.vaultsync.progress.Progress;
import io.vaultsync.sync.Candidates;
import io.vaultsync.sync.PolicyGate;
import io.vaultsync.sync.SyncState;
import io.vaultsync.sync.VaultPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Computes the status without changing anything: ahead/behind are counted against the remote head as of the
 * last fetch (only "remote moved" asks the remote). When an agent runs on the vault and its last scan still
 * holds ({@link DaemonRecord#scanUsable}), what is pending, blocked and outside the zones comes from that scan
 * instead of a new one: on a 100k-file vault the scan is most of the time {@code status} takes.
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
        return compute(vaultDir, s, Progress.NONE);
    }

    /** As above, telling {@code progress} how a scan of the work tree goes (when no running daemon's scan is fresh). */
    public static StatusReport compute(Path vaultDir, AgentSettings s, Progress progress) throws IOException {
        try (VaultRepo vault = VaultRepo.open(vaultDir, s.branch())) {
            VaultPolicy.InForce inForce = VaultPolicy.inForce(vault);
            Policy policy = inForce.policy();
            SyncState st = SyncState.read(vault.gitDir());
            ObjectId head = vault.head();
            ObjectId tracking = vault.tracking();
            DaemonFile.Seen seen = DaemonFile.read(vault.gitDir());
            DaemonRecord d = seen.running().orElse(null);
            Instant now = Instant.now();
            DaemonRecord.Scan ds = d != null && d.scanUsable(now, TreeKeys.of(vault.gitDir(), head)) ? d.scan() : null;
            Candidates c = ds != null ? new Candidates(List.of(), ds.blocked(), ds.outsideZone())
                    : Candidates.classify(vault.workTree(), new Zones(policy), PolicyGate.of(policy), s.name(),
                            WorkTreeScan.scan(vault, ScanScope.ALL, progress).changes(), progress);
            int pending = ds != null ? ds.pending() : c.stageable().size();
            StatusReport.Scan scan = ds != null ? new StatusReport.Scan("daemon", ds.at()) : new StatusReport.Scan("status", now);
            return new StatusReport(s.name(), s.role().name().toLowerCase(Locale.ROOT), s.machine(),
                    vault.workTree().toString(), Redact.url(vault.remoteUrl()), s.branch(), st.lastSync(), st.lastAttempt(),
                    st.lastOutcome(), st.consecutiveFailures(), st.transportError(), Commits.count(vault.repository(), head, tracking),
                    Commits.count(vault.repository(), tracking, head),
                    pending, c.blocked(), c.outside(), OpenCards.list(vault.workTree()),
                    provisional(vault, s.name(), head, tracking), LastPushes.of(vault.repository(), tracking, policy),
                    remoteMoved(vault, tracking), inForce.ignored(), seen instanceof DaemonFile.NotRunning n ? n.reason() : "running",
                    d == null ? null : new StatusReport.Daemon(d.pid(), d.started(), d.lastCycle(), d.lastOutcome(),
                            d.lastError(), d.endpoint()), scan);
        }
    }
}
