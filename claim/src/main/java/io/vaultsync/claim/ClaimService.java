package io.vaultsync.claim;

import io.vaultsync.sync.FileMove;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.git.ScanScope;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.git.WorkTreeScan;
import io.vaultsync.lease.Lease;
import io.vaultsync.lease.LeaseFrontMatter;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.TaskMoves;
import io.vaultsync.sync.Backoff;
import io.vaultsync.sync.ClaimLog;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.sync.SyncOutcome;
import io.vaultsync.sync.SyncReport;
import io.vaultsync.sync.VaultPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Claim, release and hand over tasks with the remote branch as the lock. Each operation decides from the
 * work tree, moves the file, commits exactly that move and runs a sync cycle, whose compare-and-swap push
 * either lands the move or, having lost to a move of the same task, undoes it (see the replay rules for
 * task moves). The result is read back from the remote head the cycle fetched. The caller holds the
 * vault lock.
 */
public record ClaimService(AgentSettings settings, Clock clock, SyncCycle cycle, Duration leaseLength) {
    /**
     * A claim keeps trying longer than a plain sync, in shorter steps: losing the push to an unrelated
     * change is likely when many agents claim at once, and a claim has no next cycle to fall back on. It is
     * bounded by time rather than by count: an agent slower than the others can lose dozens of races in a
     * row while they keep landing their own claims (CI saw 40 in a row), and it wins once they pause.
     */
    public static final Backoff BACKOFF = new Backoff(10_000, Duration.ofMillis(5), Duration.ofMillis(250),
            Duration.ofMinutes(2));

    public ClaimResult claim(Path vaultDir, String input) throws IOException {
        String task = TaskName.parse(input);
        String me = settings.name();
        ClaimDecision d = ClaimDecision.decide(places(vaultDir, task), me, clock.instant());
        boolean fresh = false;
        if (d instanceof ClaimDecision.HeldBy || d instanceof ClaimDecision.Missing) {
            fresh = refresh(vaultDir); // the clone may be behind: ask the remote before saying no
            d = ClaimDecision.decide(places(vaultDir, task), me, clock.instant());
        }
        String mine = ClaimPaths.claimedBy(me, task);
        if (d instanceof ClaimDecision.AlreadyYours) return new ClaimResult.AlreadyYours(task, mine);
        if (d instanceof ClaimDecision.HeldBy h) return new ClaimResult.HeldBy(task, h.agent(), h.lease(), fresh);
        if (d instanceof ClaimDecision.Missing) return new ClaimResult.Missing(task, fresh);
        ClaimDecision.Take take = (ClaimDecision.Take) d;
        SyncReport r = cycle.run(vaultDir, ctx -> {
            // decided again under the cycle's lock and recovery: the answer stands unless the tree changed
            if (!(ClaimDecision.decide(TaskFiles.places(ctx.vault().workTree(), ctx.policy(), task), me, ctx.now())
                    instanceof ClaimDecision.Take t)) {
                return;
            }
            Lease lease = Lease.fresh(me, settings.machine(), ctx.now(), leaseLength);
            String from = t.previous() == null ? ClaimPaths.unclaimed(task) : ClaimPaths.claimedBy(t.previous(), task);
            if (t.previous() != null) {
                lease = lease.replacing(t.previous() + " (lease expired " + t.previousLease().expires() + ", taken over by "
                        + me + ")");
            }
            Lease l = lease;
            FileMove.move(ctx, task, from, mine, bytes -> LeaseFrontMatter.write(bytes, l),
                    "vaultsync: " + me + (t.previous() == null ? " claims " : " takes over from " + t.previous() + " ") + task);
            record(ctx.vault().gitDir(), t.previous() == null ? "claim" : "takeover", task,
                    t.previous() == null ? "claimed" : "took over the expired claim of " + t.previous());
        }, ScanScope.NONE);
        return settle(vaultDir, r, task, mine);
    }

    public ClaimResult release(Path vaultDir, String input) throws IOException {
        String task = TaskName.parse(input);
        return moveOwn(vaultDir, task, ClaimPaths.unclaimed(task), bytes -> LeaseFrontMatter.strip(bytes, null),
                "releases", "release", "released to " + ClaimPaths.UNCLAIMED);
    }

    public ClaimResult handoff(Path vaultDir, String input, String to, String note) throws IOException {
        String task = TaskName.parse(input);
        checkReceiver(vaultDir, task, to);
        String target = ClaimPaths.claimedBy(to, task);
        Instant now = clock.instant();
        Lease lease = Lease.fresh(to, null, now, leaseLength).handedOver(settings.name(), note);
        return moveOwn(vaultDir, task, target, bytes -> LeaseFrontMatter.write(bytes, lease), "hands over to " + to,
                "handoff", "handed over to " + to + (note == null ? "" : ": " + note));
    }

    private ClaimResult moveOwn(Path vaultDir, String task, String target, java.util.function.UnaryOperator<byte[]> rewrite,
            String verb, String op, String detail) throws IOException {
        String me = settings.name();
        ClaimDecision.Ownership ownership = ClaimDecision.ownership(places(vaultDir, task), me);
        if (ownership instanceof ClaimDecision.Ownership.HeldBy h) {
            return new ClaimResult.HeldBy(task, h.agent(), Optional.empty(), false);
        }
        if (ownership instanceof ClaimDecision.Ownership.Unclaimed) return new ClaimResult.NotClaimed(task);
        if (ownership instanceof ClaimDecision.Ownership.Missing) return new ClaimResult.Missing(task, false);
        SyncReport r = cycle.run(vaultDir, ctx -> {
            if (!(ClaimDecision.ownership(TaskFiles.places(ctx.vault().workTree(), ctx.policy(), task), me)
                    instanceof ClaimDecision.Ownership.Mine)) {
                return;
            }
            FileMove.move(ctx, task, ClaimPaths.claimedBy(me, task), target, rewrite, "vaultsync: " + me + " " + verb + " " + task);
            record(ctx.vault().gitDir(), op, task, detail);
        }, ScanScope.NONE);
        return settle(vaultDir, r, task, target);
    }

    /** Reads the outcome back from the remote head the cycle fetched (or the clone, if it could not). */
    private ClaimResult settle(Path vaultDir, SyncReport r, String task, String target) throws IOException {
        if (r.outcome() instanceof SyncOutcome.Offline off) {
            return new ClaimResult.Provisional(task, target, off.reason());
        }
        if (r.outcome() instanceof SyncOutcome.Contended c) return new ClaimResult.Contended(task, target, c.attempts());
        try (VaultRepo vault = VaultRepo.open(vaultDir, settings.branch());
                RevWalk rw = new RevWalk(vault.repository())) {
            TaskPlaces now = places(vault, task);
            ObjectId remote = vault.tracking();
            if (remote != null && WorkTreeScan.blobAt(vault.repository(), rw.parseCommit(remote).getTree(), target) != null) {
                record(vault.gitDir(), "confirmed", task, target + " is on the remote");
                String holder = TaskMoves.inProgressOwner(target);
                return new ClaimResult.Done(task, target,
                        holder == null ? Optional.empty() : now.holders().getOrDefault(holder, Optional.empty()));
            }
            for (var e : now.holders().entrySet()) {
                if (!e.getKey().equals(settings.name())) return new ClaimResult.HeldBy(task, e.getKey(), e.getValue(), true);
            }
            return new ClaimResult.Missing(task, true);
        }
    }

    private void checkReceiver(Path vaultDir, String task, String to) throws IOException {
        if (to == null || to.isBlank()) throw new BadTaskException("handoff needs --to AGENT");
        if (to.equals(settings.name())) throw new BadTaskException(task + ": it is already yours; hand it to another agent");
        try (VaultRepo vault = VaultRepo.open(vaultDir, settings.branch())) {
            var zones = new io.vaultsync.policy.Zones(VaultPolicy.committed(vault));
            if (zones.policy().agent(to).isEmpty()) {
                throw new BadTaskException("no agent '" + to + "' in the policy (agents: " + String.join(", ",
                        zones.policy().agents().stream().map(io.vaultsync.policy.AgentSpec::name).toList()) + ")");
            }
            if (!zones.mayWrite(to, ClaimPaths.claimedBy(to, task))) {
                throw new BadTaskException(to + " has no " + ClaimPaths.IN_PROGRESS + to + "/ in its zones; it cannot hold tasks");
            }
        }
    }

    /**
     * One cycle that fetches, scanning nothing; true when it reached the remote. A claim, release or handoff
     * commits its move itself, so its cycle scans nothing else either ({@link ScanScope#NONE}).
     */
    private boolean refresh(Path vaultDir) throws IOException {
        return cycle.run(vaultDir, SyncCycle.Prelude.NONE, ScanScope.NONE).outcome().completed();
    }


    private TaskPlaces places(Path vaultDir, String task) throws IOException {
        try (VaultRepo vault = VaultRepo.open(vaultDir, settings.branch())) {
            return places(vault, task);
        }
    }

    private static TaskPlaces places(VaultRepo vault, String task) throws IOException {
        Policy policy = VaultPolicy.committed(vault);
        return TaskFiles.places(vault.workTree(), policy, task);
    }

    private void record(Path gitDir, String op, String task, String detail) {
        ClaimLog.append(gitDir, new ClaimLog.Entry(clock.instant(), op, task, settings.name(), detail));
    }
}
