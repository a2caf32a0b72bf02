package io.vaultsync.sync;

import io.vaultsync.VaultStateException;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.DeviceId;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.gate.HistoryAudit;
import io.vaultsync.gate.HistoryReport;
import io.vaultsync.gate.HistorySecretsException;
import io.vaultsync.git.PendingCommit;
import io.vaultsync.git.RemoteBranch;
import io.vaultsync.git.StagedFile;
import io.vaultsync.git.Trailers;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.Role;
import io.vaultsync.progress.Progress;
import io.vaultsync.transport.InitialRemote;
import io.vaultsync.transport.Redact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code init} on a repository that has history and no policy (a clone made with plain git, or a fresh clone
 * of such a remote): the local agent audits the whole history with the gate's rules, then adds the policy,
 * the folders and the {@code .gitignore} on top of it as one commit and pushes that with a compare-and-swap.
 * With findings it stops before anything is pushed unless the history is accepted as it is, and then keeps
 * the findings as a decision card in the same commit. A stopped or failed adoption leaves the remote, and every
 * file of the clone's work tree, as they were: the commit is pushed first and only then written here.
 */
public final class HistoryAdoption {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryAdoption.class);

    /**
     * How to adopt: whether a history with findings is adopted anyway, where the audit reports its progress, and
     * who is told its report (before adoption goes on or stops).
     */
    public record Options(boolean acceptHistory, Progress progress, Consumer<HistoryAudit.Report> onAudit) {
        public static final Options DEFAULT = new Options(false, Progress.NONE, r -> { });

        public Options {
            Objects.requireNonNull(progress, "progress");
            Objects.requireNonNull(onAudit, "onAudit");
        }
    }

    /** The adoption landed: the commit now on the remote, the audit, the card's path (null: a clean history). */
    public record Adopted(ObjectId commit, HistoryAudit.Report report, String card) {}

    private final Clock clock;
    private final Options options;

    public HistoryAdoption(Clock clock, Options options) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** True when the clone's branch has commits and none of them ever held the policy file: not a vault yet. */
    public static boolean lacksPolicy(VaultRepo repo) throws IOException {
        ObjectId head = repo.head();
        if (head == null) return false;
        try (RevWalk rw = new RevWalk(repo.repository())) {
            rw.setTreeFilter(AndTreeFilter.create(PathFilter.create(Policy.PATH), TreeFilter.ANY_DIFF));
            rw.markStart(rw.parseCommit(head));
            return rw.next() == null;
        }
    }

    /** What the cloud agent is told on a remote with history and no policy. */
    public static String notAVaultYet(String remote, String branch) {
        return "remote " + Redact.url(remote) + " has history but no " + Policy.PATH + " on " + branch
                + ": it is not a vault yet. Run `local-agent init --vault DIR --remote " + Redact.url(remote)
                + "` first (it audits and adopts that history), then init the cloud agent";
    }

    /**
     * Adopts the history of {@code repo} for the local agent {@code s}: writes the agent's settings (removed
     * again if they were not there and the adoption does not land), audits, commits, pushes, and only then
     * writes the new files into the work tree.
     */
    public Adopted adopt(VaultRepo repo, AgentSettings s, InitialRemote given) throws IOException {
        if (s.role() != Role.LOCAL) throw new VaultStateException(notAVaultYet(s.remote(), s.branch()));
        Path settings = SettingsStore.file(repo.gitDir());
        boolean had = Files.isRegularFile(settings);
        given.keepPassword();
        SettingsStore.write(repo.gitDir(), s); // the fetch and the push reach the remote through them
        try {
            Adopted a = land(repo, s);
            DeviceId.of(repo.gitDir()); // generated at init
            return a;
        } catch (IOException | RuntimeException e) {
            if (!had) Files.deleteIfExists(settings);
            throw e;
        }
    }

    private Adopted land(VaultRepo repo, AgentSettings s) throws IOException {
        repo.requireOnBranch();
        if (Files.exists(repo.gitDir().resolve("shallow"))) {
            throw new VaultStateException(repo.workTree() + " is a shallow clone: the audit needs the whole history;"
                    + " run `git fetch --unshallow` in it, then init again (nothing was pushed)");
        }
        ObjectId head = repo.head();
        ObjectId remoteHead = RemoteBranch.fetch(repo);
        if (remoteHead != null && !contains(repo, head, remoteHead)) {
            throw new VaultStateException(repo.workTree() + " is behind or apart from " + Redact.url(s.remote())
                    + "; bring it up to date (`git pull`), then run init again");
        }
        Policy policy = Policy.defaults(AgentSettings.defaultName(Role.CLOUD), s.name());
        HistoryAudit.Report report = new HistoryAudit(PolicyGate.of(policy), options.progress())
                .audit(repo.repository(), head);
        LOG.info("history of {}: {}", Redact.url(s.remote()), HistoryReport.summary(report));
        options.onAudit().accept(report);
        if (!report.clean() && !options.acceptHistory()) throw new HistorySecretsException(Redact.url(s.remote()), report);

        List<AdoptionFiles.File> files = new ArrayList<>(AdoptionFiles.layout(repo, head, policy));
        String card = null;
        if (!report.clean()) {
            ConflictCard c = card(report, s);
            card = c.cardPath();
            files.add(new AdoptionFiles.File(card, c.render().getBytes(StandardCharsets.UTF_8)));
        }
        AdoptionFiles.refuseOverwrite(repo, head, files);
        Trailers t = new Trailers(s.name(), s.machine(), "op-" + UUID.randomUUID(), null, DeviceId.of(repo.gitDir()));
        PersonIdent who = new PersonIdent(s.name(), s.name() + "@vaultsync", clock.instant(), clock.getZone());
        FileTime now = FileTime.from(clock.instant()); // the objects only: the index gets the files' own times
        List<StagedFile> staged = files.stream().map(f -> new StagedFile(f.path(), f.bytes(), f.bytes().length, now)).toList();
        ObjectId commit = PendingCommit.write(repo, staged, t.message("vaultsync: adopt this history as a vault"), who);
        if (RemoteBranch.push(repo, commit, remoteHead) instanceof RemoteBranch.PushOutcome.Rejected r) {
            throw new VaultStateException("the branch " + s.branch() + " of " + Redact.url(s.remote())
                    + " moved while it was being adopted (" + r.status() + "); nothing was pushed: run init again");
        }
        PendingCommit.land(repo, AdoptionFiles.write(repo.workTree(), files), head, commit);
        return new Adopted(commit, report, card);
    }

    private ConflictCard card(HistoryAudit.Report report, AgentSettings s) {
        List<String> body = new ArrayList<>(HistoryReport.findings(report));
        body.add("");
        body.addAll(HistoryReport.advice());
        String reason = "init adopted the history of " + Redact.url(s.remote()) + " as it is (--accept-history); "
                + HistoryReport.summary(report) + ". They stay in every clone until the history is purged.";
        return ConflictCard.historySecrets(ConflictCard.newId(clock.instant(), "history"), s.branch(), reason,
                String.join("\n", body) + "\n", clock.instant(), s.name());
    }

    private static boolean contains(VaultRepo repo, ObjectId head, ObjectId other) throws IOException {
        try (RevWalk rw = new RevWalk(repo.repository())) {
            return rw.isMergedInto(rw.parseCommit(other), rw.parseCommit(head));
        } catch (MissingObjectException e) {
            return false;
        }
    }
}
