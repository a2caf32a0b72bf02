package io.vaultsync.distribution.publish;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.merge.MergeConflict;
import io.vaultsync.distribution.merge.MergeOutcome;
import io.vaultsync.distribution.merge.OverrideSync;
import io.vaultsync.distribution.registry.Registry;
import io.vaultsync.distribution.rules.SyncRule;
import io.vaultsync.distribution.state.DownstreamState;
import io.vaultsync.distribution.state.SyncLedger;
import io.vaultsync.distribution.strategy.Hashes;
import io.vaultsync.distribution.strategy.Output;
import io.vaultsync.distribution.strategy.Pipeline;
import io.vaultsync.distribution.validate.SyncValidation;
import io.vaultsync.distribution.validate.Validator;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * One rule for its downstream: render the outputs, fetch the downstream, validate, build one commit on the
 * sync branch from the downstream's default branch (outputs, removed files, state and snapshot), push it with
 * compare-and-swap, and fast-forward the default branch when auto-merge is on and every check passed.
 */
final class SyncRun {
    private static final PersonIdent WHO_TEMPLATE = new PersonIdent("distribute", "distribute@vaultsync.invalid");

    record Source(SourceRepo repo, String version, ObjectId commit, boolean tagged, ObjectId since, String sinceName) {
    }

    private SyncRun() {
    }

    static RunResult run(SyncRule rule, Registry registry, Source src, Optional<SyncLedger.Entry> last, String prefix,
            boolean dryRun, Instant now, Pipeline.Step step) throws IOException {
        String repoName = rule.targetRepo();
        Registry.Downstream d = registry.downstream(repoName, rule.id());
        String sourceCommit = src.commit().name();
        Map<String, ObjectId> all = src.repo().files(src.commit());
        Map<String, byte[]> files = new TreeMap<>();
        for (String p : Pipeline.select(rule, all.keySet())) {
            files.put(p, src.repo().read(all.get(p)));
        }
        if (files.isEmpty()) {
            return new RunResult.Blocked(rule.id(), repoName, SyncValidation.of(rule.id(), repoName, src.version(), sourceCommit,
                    List.of(new SyncValidation.Check("source", SyncValidation.Status.FAIL, List.of(), "no file of the source at "
                            + src.version() + " matches '" + rule.source() + "' and the filters: nothing to publish"))));
        }
        Pipeline.Context ctx = new Pipeline.Context(src.version(), sourceCommit, repoName, d.variables(), registry.source());
        Supplier<List<Output>> render = () -> Pipeline.run(rule, files, ctx, step);
        List<Output> outputs;
        try {
            outputs = render.get();
        } catch (DistributionException e) {
            return new RunResult.Blocked(rule.id(), repoName, SyncValidation.of(rule.id(), repoName, src.version(), sourceCommit,
                    List.of(new SyncValidation.Check("render", SyncValidation.Status.FAIL, List.of(), e.getMessage()))));
        }
        String branch = prefix + "-sync/" + src.version() + "/" + rule.id();
        try (DownstreamRepo down = DownstreamRepo.fetch(repoName, d.url())) {
            ObjectId base = down.tip(d.branch()).orElse(null);
            Optional<ObjectId> existing = down.tip(branch);
            Map<String, String> shas = new TreeMap<>();
            outputs.forEach(o -> shas.put(o.path(), o.sha256()));
            String statePath = DownstreamState.path(prefix, rule.id());
            for (ObjectId tip : new ObjectId[] {existing.orElse(null), base}) {
                if (upToDate(down, tip, prefix, rule.id(), sourceCommit, src.version(), outputs)) {
                    return new RunResult.UpToDate(rule.id(), repoName, branch);
                }
            }
            Map<String, ObjectId> baseFiles = down.files(base);
            SyncValidation report = Validator.validate(new Validator.Input(rule, repoName, src.version(), sourceCommit, outputs,
                    render, baseFiles.keySet(), p -> readQuietly(src.repo(), src.commit(), p), registry.privatePaths(), src.tagged()));
            if (report.blocked()) {
                return new RunResult.Blocked(rule.id(), repoName, report);
            }
            Optional<DownstreamState> previous = state(down, base, statePath);
            Map<String, byte[]> edits = new LinkedHashMap<>();
            List<String> added = new ArrayList<>();
            List<String> modified = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            List<MergeConflict> conflicts = new ArrayList<>();
            try (ObjectInserter.Formatter f = new ObjectInserter.Formatter()) {
                for (Output o : outputs) {
                    String overridePath = DownstreamState.overridesFolder(prefix) + o.path();
                    Optional<byte[]> override = baseFiles.containsKey(overridePath) ? down.read(base, overridePath) : Optional.empty();
                    Optional<byte[]> snapshot = down.read(base, DownstreamState.snapshotPath(prefix, rule.id(), o.path()));
                    MergeOutcome outcome = Overrides.merged(snapshot, override, o.bytes());
                    byte[] written = outcome.content();
                    conflicts.addAll(outcome.conflictsAt(o.path()));
                    ObjectId had = baseFiles.get(o.path());
                    if (had == null) {
                        added.add(o.path());
                    } else if (!had.equals(f.idFor(Constants.OBJ_BLOB, written))) {
                        modified.add(o.path());
                    }
                    edits.put(o.path(), written);
                    shas.put(o.path(), Hashes.sha256(written));
                    edits.put(DownstreamState.snapshotPath(prefix, rule.id(), o.path()), o.bytes());
                }
            }
            for (String old : previous.map(DownstreamState::files).map(Map::keySet).orElse(java.util.Set.of())) {
                if (!shas.containsKey(old) && baseFiles.containsKey(old)) {
                    removed.add(old);
                    edits.put(old, null);
                }
            }
            String snapshots = DownstreamState.folder(prefix, rule.id()) + "/snapshot/";
            baseFiles.keySet().stream().filter(p -> p.startsWith(snapshots) && !shas.containsKey(p.substring(snapshots.length())))
                    .forEach(p -> edits.put(p, null));
            edits.put(statePath, new DownstreamState(rule.id(), sourceCommit, src.version(), now, new TreeMap<>(shas)).toYaml());
            Changes changes = new Changes(added, modified, removed);
            String title = PrText.title(prefix, rule, src.version());
            List<String> log = src.repo().changelog(src.since(), src.commit(), files.keySet(), 30);
            String body = PrText.body(prefix, rule, repoName, branch, src.version(), sourceCommit, src.sinceName(), changes, log, report)
                    + (conflicts.isEmpty() ? "" : "\n" + OverrideSync.conflictsSection(conflicts));
            if (dryRun) {
                return new RunResult.Published(rule.id(), repoName, branch, null, changes, report, title, body, true, null, null,
                        conflicts);
            }
            String message = title + "\n\nSync-Rule: " + rule.id() + "\nSource-Version: " + src.version() + "\nSource-Commit: "
                    + sourceCommit + "\n";
            PersonIdent who = new PersonIdent(WHO_TEMPLATE, now, ZoneOffset.UTC);
            ObjectId commit = down.commit(base, edits, message, who);
            RemoteRefUpdate.Status pushed = down.push(List.of(new DownstreamRepo.Move(branch, existing.orElse(null), commit))).get(0);
            if (!ok(pushed)) {
                return new RunResult.Rejected(rule.id(), repoName, branch, pushed.name());
            }
            String merged = null;
            if (d.autoMerge()) {
                if (!conflicts.isEmpty()) {
                    merged = "not merged: " + conflicts.size() + " merge conflicts with overrides to review";
                } else if (report.status() != SyncValidation.Status.PASS) {
                    merged = "not merged: validation " + report.status().word();
                } else {
                    RemoteRefUpdate.Status ff = down.push(List.of(new DownstreamRepo.Move(d.branch(), base, commit))).get(0);
                    merged = ok(ff) ? "fast-forwarded " + d.branch() : "not merged: " + d.branch() + " moved (" + ff.name() + ")";
                }
            }
            return new RunResult.Published(rule.id(), repoName, branch, commit.name(), changes, report, title, body, false, merged, null,
                    conflicts);
        } catch (DownstreamRepo.Unreachable e) {
            return new RunResult.Unreachable(rule.id(), repoName, e.getMessage());
        }
    }

    /**
     * Whether the commit {@code tip} already holds this sync: its state names this source commit and version,
     * and its snapshot (the upstream bytes, before any override merge) is exactly these outputs.
     */
    private static boolean upToDate(DownstreamRepo down, ObjectId tip, String prefix, String rule, String sourceCommit,
            String version, List<Output> outputs) throws IOException {
        Optional<DownstreamState> there = state(down, tip, DownstreamState.path(prefix, rule));
        if (there.isEmpty() || !there.get().sourceCommit().equals(sourceCommit) || !there.get().version().equals(version)) {
            return false;
        }
        String snapshots = DownstreamState.folder(prefix, rule) + "/snapshot/";
        Map<String, ObjectId> have = new TreeMap<>();
        down.files(tip).forEach((p, id) -> {
            if (p.startsWith(snapshots)) {
                have.put(p.substring(snapshots.length()), id);
            }
        });
        Map<String, ObjectId> want = new TreeMap<>();
        try (ObjectInserter.Formatter f = new ObjectInserter.Formatter()) {
            outputs.forEach(o -> want.put(o.path(), f.idFor(Constants.OBJ_BLOB, o.bytes())));
        }
        return have.equals(want) && there.get().files().keySet().equals(want.keySet());
    }

    private static boolean ok(RemoteRefUpdate.Status s) {
        return s == RemoteRefUpdate.Status.OK || s == RemoteRefUpdate.Status.UP_TO_DATE;
    }

    private static Optional<DownstreamState> state(DownstreamRepo down, ObjectId commit, String path) throws IOException {
        if (commit == null) {
            return Optional.empty();
        }
        Optional<byte[]> bytes = down.read(commit, path);
        return bytes.isEmpty() ? Optional.empty() : Optional.of(DownstreamState.fromYaml(bytes.get(), path + " at " + commit.name()));
    }

    private static Optional<byte[]> readQuietly(SourceRepo repo, ObjectId commit, String path) {
        try {
            return repo.read(commit, path);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
