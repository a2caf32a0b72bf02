package io.vaultsync.distribution.drift;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.decisions.DownstreamRepo;
import io.vaultsync.distribution.decisions.Downstreams;
import io.vaultsync.distribution.decisions.Downstreams.Downstream;
import io.vaultsync.distribution.registry.Registry;
import io.vaultsync.distribution.rules.RuleSet;
import io.vaultsync.distribution.state.DownstreamState;
import io.vaultsync.distribution.state.SyncLedger;
import io.vaultsync.distribution.strategy.Hashes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The I/O around {@link DriftCheck} and {@link Staleness}: for every downstream of the registry, the state
 * files at the head of its default branch (read from git, not a work tree) against the files beside them;
 * then, for every (rule, downstream) of the source-side ledger, its age, missed release tags and failures.
 */
public final class DriftScan {
    private DriftScan() {}

    /** All findings, and the downstreams that could not be reached (named, with why). */
    public record Report(List<SyncAlert> alerts, List<String> unreachable) {
        public Report {
            alerts = List.copyOf(alerts);
            unreachable = List.copyOf(unreachable);
        }

        /** True when a synced file changed downstream. */
        public boolean drift() {
            return alerts.stream().anyMatch(a -> a.kind() == SyncAlert.Kind.DRIFT);
        }

        /** True when a sync went stale. */
        public boolean stale() {
            return alerts.stream().anyMatch(a -> a.kind() == SyncAlert.Kind.STALE);
        }
    }

    /** Scans every downstream of {@code registry} and the ledger of {@code source}. */
    public static Report run(Path source, RuleSet rules, Registry registry, String prefix, Clock clock) {
        Instant now = clock.instant();
        Map<String, Downstream> downstreams = Downstreams.read(registry);
        List<SyncAlert> alerts = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (Downstream d : downstreams.values()) {
            try (DownstreamRepo repo = DownstreamRepo.fetch(d.url())) {
                alerts.addAll(drift(repo, d, prefix, now));
            } catch (DownstreamRepo.Unreachable e) {
                unreachable.add(d.name() + ": " + e.getMessage());
            }
        }
        Map<String, String> frequencies = new java.util.HashMap<>();
        rules.rules().forEach(r -> frequencies.put(r.id(), r.frequency().word()));
        List<String> tags = tags(source);
        for (SyncLedger.Entry e : SyncLedger.read(SyncLedger.file(source.resolve(".git"), prefix)).entries()) {
            Downstream d = downstreams.get(e.downstream());
            var limits = d == null ? Staleness.Thresholds.defaults() : Staleness.Thresholds.from(d.thresholds());
            var in = new Staleness.Input(e.rule(), e.downstream(), frequencies.getOrDefault(e.rule(), "on_release"),
                    e.lastSync(), e.lastVersion(), e.consecutiveFailures(), tags);
            alerts.addAll(Staleness.check(in, limits, clock));
        }
        return new Report(alerts, unreachable);
    }

    /** The drift alerts of every rule state at the head of the downstream's default branch. */
    static List<SyncAlert> drift(DownstreamRepo repo, Downstream d, String prefix, Instant now) {
        ObjectId head = repo.head(d.branch());
        List<SyncAlert> out = new ArrayList<>();
        if (head == null) return out;
        String stateRoot = "." + prefix + "-sync-state/";
        for (String statePath : repo.paths(head, stateRoot)) {
            if (!statePath.endsWith("/state.yaml") || statePath.indexOf('/', stateRoot.length()) != statePath.length() - "/state.yaml".length()) {
                continue;
            }
            DownstreamState state = DownstreamState.fromYaml(repo.read(head, statePath), d.name() + ":" + statePath);
            Map<String, String> current = new HashMap<>();
            for (String path : state.files().keySet()) {
                byte[] bytes = repo.read(head, path);
                if (bytes != null) current.put(path, Hashes.sha256(bytes));
            }
            out.addAll(DriftCheck.check(d.name(), state, current, DownstreamState.overridesFolder(prefix), now));
        }
        return out;
    }

    /** The tag names of the source repository. */
    static List<String> tags(Path source) {
        try (Repository r = new FileRepositoryBuilder().setGitDir(source.resolve(".git").toFile()).setMustExist(true).build()) {
            return r.getRefDatabase().getRefsByPrefix(Constants.R_TAGS).stream().map(Ref::getName)
                    .map(n -> n.substring(Constants.R_TAGS.length())).toList();
        } catch (IOException e) {
            throw new DistributionException(source + ": not a git repository: " + e.getMessage(), e);
        }
    }
}
