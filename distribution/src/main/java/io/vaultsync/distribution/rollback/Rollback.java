package io.vaultsync.distribution.rollback;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.decisions.DecisionsLog;
import io.vaultsync.distribution.decisions.DownstreamRepo;
import io.vaultsync.distribution.decisions.Downstreams.Downstream;
import io.vaultsync.distribution.decisions.RollbackEntry;
import io.vaultsync.distribution.drift.DriftScan;
import io.vaultsync.distribution.rollback.RollbackPlan.Choice;
import io.vaultsync.distribution.rollback.RollbackPlan.Point;
import io.vaultsync.distribution.rules.SyncRule;
import io.vaultsync.distribution.state.DownstreamState;
import io.vaultsync.distribution.strategy.Output;
import io.vaultsync.distribution.validate.Validator;
import io.vaultsync.distribution.validate.SyncValidation;
import io.vaultsync.distribution.validate.SyncValidation.Check;
import io.vaultsync.distribution.validate.SyncValidation.Status;
import io.vaultsync.distribution.strategy.Hashes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Rolls one rule of one downstream back to an earlier sync, reviewably: a new branch
 * {@code agent33-sync/rollback/v{to}/{rule}} from the default branch's head with one commit that restores
 * the earlier sync's files and its state folder and appends a {@code rollback} entry to {@code DECISIONS.md};
 * validated (each restored file against the SHA-256 its restored state records, then the publish checks)
 * before it is pushed with a compare-and-swap. A dry run does all of it in a scratch copy and pushes nothing.
 */
public final class Rollback {
    private Rollback() {}

    /**
     * What to roll back; {@code toVersion} null: the previous sync. {@code checks} re-runs the publish
     * validation on the restored files (null: checksums only).
     */
    public record Request(Downstream downstream, String rule, String toVersion, String prefix, String reason,
            boolean dryRun, Checks checks) {
        public Request {
            Objects.requireNonNull(downstream, "downstream");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(prefix, "prefix");
        }
    }

    /** The publish validation's inputs a rollback has: the rule, the private paths, the source's files by commit. */
    public record Checks(SyncRule rule, List<String> privatePaths, SourceFiles source) {}

    /** The source's files: the bytes of {@code path} at {@code commit}, if there. */
    @FunctionalInterface
    public interface SourceFiles {
        Optional<byte[]> read(String commit, String path);
    }

    /** How it ended; every case carries the plan and the validation report. */
    public sealed interface Result {
        Plan plan();

        /** The branch was created downstream with the rollback commit. */
        record Pushed(Plan plan, String commit) implements Result {}

        /** Dry run: the commit was built in a scratch copy only. */
        record DryRun(Plan plan) implements Result {}

        /** Validation failed: nothing pushed. */
        record Blocked(Plan plan) implements Result {}

        /** The rollback branch already exists downstream (or appeared meanwhile): nothing pushed. */
        record BranchExists(Plan plan, String detail) implements Result {}
    }

    /** What the rollback does: versions, branch, restored and removed paths, the DECISIONS.md entry, the report. */
    public record Plan(String fromVersion, String toVersion, String branch, List<String> restored, List<String> removed,
            RollbackEntry entry, SyncValidation validation) {}

    /** Runs the rollback against the downstream. */
    public static Result run(Request req, Clock clock) {
        try (DownstreamRepo repo = DownstreamRepo.fetch(req.downstream().url())) {
            ObjectId head = repo.head(req.downstream().branch());
            if (head == null) throw new DistributionException(req.downstream().name() + " has no branch " + req.downstream().branch());
            String statePath = DownstreamState.path(req.prefix(), req.rule());
            List<Point> history = new ArrayList<>();
            for (RevCommit c : repo.history(head, statePath)) {
                byte[] yaml = repo.read(c, statePath);
                if (yaml != null) history.add(new Point(c.name(), DownstreamState.fromYaml(yaml, c.name() + ":" + statePath)));
            }
            Choice choice = RollbackPlan.choose(history, req.rule(), req.toVersion());
            ObjectId target = ObjectId.fromString(choice.to().commit());
            String branch = RollbackPlan.branch(req.prefix(), choice.to().state().version(), req.rule());
            Instant now = clock.instant();

            Map<String, byte[]> edits = new LinkedHashMap<>();
            List<String> restored = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            for (String path : RollbackPlan.paths(choice)) {
                byte[] then = choice.to().state().files().containsKey(path) ? repo.read(target, path) : null;
                edits.put(path, then);
                (then == null ? removed : restored).add(path);
            }
            String folder = DownstreamState.folder(req.prefix(), req.rule()) + "/";
            for (String p : repo.paths(head, folder)) edits.put(p, null);
            for (String p : repo.paths(target, folder)) edits.put(p, repo.read(target, p));

            RollbackEntry entry = new RollbackEntry(req.rule(), req.downstream().name(), choice.from().state().version(),
                    choice.to().state().version(), branch, choice.to().commit(), now, req.reason());
            byte[] decisions = repo.read(head, DecisionsLog.PATH);
            String log = DecisionsLog.append(decisions == null ? null : new String(decisions, StandardCharsets.UTF_8),
                    "rollback " + req.rule() + " " + entry.fromVersion() + " -> " + entry.toVersion() + " (" + now + ")",
                    "rollback", entry);
            edits.put(DecisionsLog.PATH, log.getBytes(StandardCharsets.UTF_8));

            SyncValidation report = validate(req, choice, edits, finalPaths(repo.paths(head, ""), edits));
            Plan plan = new Plan(entry.fromVersion(), entry.toVersion(), branch, restored, removed, entry, report);
            if (report.blocked()) return new Result.Blocked(plan);
            String message = "sync(" + req.prefix() + "): Roll back " + req.rule() + " from " + entry.fromVersion() + " to "
                    + entry.toVersion() + "\n\nRestores the files and sync state of " + choice.to().commit() + ".\n"
                    + (entry.reason().isEmpty() ? "" : "\nReason: " + entry.reason() + "\n");
            PersonIdent who = new PersonIdent("distribute", "distribute@" + req.prefix() + ".invalid", now, java.time.ZoneOffset.UTC);
            ObjectId commit = repo.commit(head, edits, message, who);
            if (req.dryRun()) return new Result.DryRun(plan);
            if (repo.head(branch) != null) return new Result.BranchExists(plan, "branch " + branch + " already exists");
            DownstreamRepo.Pushed pushed = repo.push(branch, commit, null);
            if (pushed instanceof DownstreamRepo.Pushed.Lost l) return new Result.BranchExists(plan, l.status() + " " + l.message());
            return new Result.Pushed(plan, commit.name());
        }
    }

    /** The paths of the rollback commit's tree. */
    private static Set<String> finalPaths(List<String> before, Map<String, byte[]> edits) {
        Set<String> out = new TreeSet<>(before);
        edits.forEach((p, b) -> {
            if (b == null) out.remove(p);
            else out.add(p);
        });
        return out;
    }

    /**
     * Checksums of the restored files against the restored state (what the sync recorded must be what comes
     * back), then the publish checks on them (links, schema, secrets, version tag) when the rule is known.
     */
    static SyncValidation validate(Request req, Choice choice, Map<String, byte[]> edits, Set<String> paths) {
        List<String> bad = new ArrayList<>();
        choice.to().state().files().forEach((path, sha) -> {
            byte[] bytes = edits.get(path);
            if (bytes == null || !Hashes.sha256(bytes).equalsIgnoreCase(sha)) bad.add(path);
        });
        int n = choice.to().state().files().size();
        Check checksum = bad.isEmpty()
                ? new Check("checksum", Status.PASS, List.copyOf(choice.to().state().files().keySet()), n + " restored files match their recorded SHA-256")
                : new Check("checksum", Status.FAIL, bad, bad.size() + " restored files differ from the SHA-256 their sync recorded");
        List<Check> checks = new ArrayList<>(List.of(checksum));
        if (req.checks() != null) {
            List<Output> restored = new ArrayList<>();
            choice.to().state().files().keySet().forEach(p -> {
                if (edits.get(p) != null) restored.add(new Output(p, p, edits.get(p)));
            });
            String sourceCommit = choice.to().state().sourceCommit();
            SyncValidation publishChecks = Validator.validate(new Validator.Input(req.checks().rule(), req.downstream().name(),
                    choice.to().state().version(), sourceCommit, restored, () -> restored, paths,
                    p -> req.checks().source().read(sourceCommit, p), req.checks().privatePaths(), true));
            publishChecks.checks().stream().filter(c -> !c.name().equals("checksum")).forEach(checks::add);
        }
        return SyncValidation.of(req.rule(), req.downstream().name(), choice.to().state().version(),
                choice.to().state().sourceCommit(), checks);
    }
}
