package io.vaultsync.local.approve;

import io.vaultsync.VaultStateException;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.git.ScanScope;
import io.vaultsync.sync.FileMove;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.sync.SyncOutcome;
import io.vaultsync.sync.SyncReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The human's verdict on a draft: {@code Pending_Approval/<domain>/N} moves to {@code Approved/N} or
 * {@code Rejected/N} with a stamp in its front matter, as one commit holding exactly the two paths, pushed
 * at once by the cycle it runs in (the local agent's sanctioned move). The move fails rather than replace
 * a file already in the verdict folder. An approval is recorded on this machine before it is committed;
 * only such approvals are executed. The caller holds the vault lock.
 */
public final class VerdictService {
    private final AgentSettings settings;
    private final SyncCycle cycle;

    public VerdictService(AgentSettings settings, SyncCycle cycle) {
        this.settings = settings;
        this.cycle = cycle;
    }

    /** @param again approve even though this machine approved the same draft before (a second execution) */
    public VerdictResult approve(Path vaultDir, String input, boolean again) throws IOException {
        return decide(vaultDir, input, Verdict.APPROVE, null, again);
    }

    public VerdictResult reject(Path vaultDir, String input, String reason) throws IOException {
        if (reason == null || reason.isBlank()) return new VerdictResult.NotADraft(input, "a rejection needs a reason");
        return decide(vaultDir, input, Verdict.REJECT, reason.strip(), false);
    }

    private VerdictResult decide(Path vaultDir, String input, Verdict v, String reason, boolean again) throws IOException {
        Path root = vaultDir.toAbsolutePath().normalize();
        DraftPath.Parsed parsed = DraftPath.parse(root, input);
        if (parsed instanceof DraftPath.NotADraft n) return new VerdictResult.NotADraft(n.input(), n.why());
        DraftPath d = ((DraftPath.Ok) parsed).draft();
        String from = d.path();
        String to = d.target(v);
        if (!isFile(root.resolve(from))) {
            cycle.run(vaultDir, SyncCycle.Prelude.NONE, ScanScope.NONE); // the draft may be on the remote only
            if (!isFile(root.resolve(from))) return new VerdictResult.NoSuchDraft(from);
        }
        if (Files.exists(root.resolve(to), LinkOption.NOFOLLOW_LINKS)) return new VerdictResult.TargetExists(from, to);
        Path gitDir = io.vaultsync.git.VaultRepo.gitDirOf(root);
        Approvals.Draft draft = Approvals.Draft.of(from, Files.readAllBytes(root.resolve(from)));
        if (v == Verdict.APPROVE && !again) {
            var prior = Approvals.prior(gitDir, draft);
            if (prior.isPresent()) return new VerdictResult.AlreadyApproved(from, prior.get().approvalId(), prior.get().time());
        }
        String approvalId = v == Verdict.APPROVE ? UUID.randomUUID().toString() : null;
        SyncReport r = cycle.run(vaultDir, ctx -> {
            if (!isFile(ctx.vault().workTree().resolve(from))) {
                throw new VaultStateException(from + " went away meanwhile; nothing moved");
            }
            byte[] bytes = FileMove.place(ctx, from, to, b -> VerdictStamp.stamp(b, v, d.domain(), settings.name(),
                    settings.machine(), ctx.now(), approvalId, reason));
            if (approvalId != null) {
                Approvals.record(ctx.vault().gitDir(), approvalId, to, settings.name(), ctx.now(), draft);
            }
            FileMove.commit(ctx, d.name(), from, to, bytes, "vaultsync: " + settings.name() + " " + v.verb() + " " + from
                    + (reason == null ? "" : ": " + firstLine(reason)));
        }, ScanScope.NONE); // the move is committed here; other local edits wait for the next sync
        if (r.outcome() instanceof SyncOutcome.Offline off) {
            return new VerdictResult.Provisional(v, from, to, approvalId, off.reason());
        }
        if (r.outcome() instanceof SyncOutcome.Contended c) return new VerdictResult.Contended(v, from, to, c.attempts());
        return new VerdictResult.Done(v, from, to, approvalId);
    }

    private static boolean isFile(Path p) {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }

    private static String firstLine(String s) {
        String line = s.lines().findFirst().orElse("");
        return line.length() > 72 ? line.substring(0, 72) + "…" : line;
    }
}
