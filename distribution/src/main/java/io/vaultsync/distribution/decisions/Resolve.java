package io.vaultsync.distribution.decisions;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.decisions.ConflictResolution.Decision;
import io.vaultsync.distribution.decisions.Downstreams.Downstream;
import io.vaultsync.distribution.state.DownstreamState;
import io.vaultsync.distribution.strategy.Hashes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Settles one merge conflict a sync left on its PR branch, as one commit on that branch: for
 * {@code keep-override} the file becomes the override's bytes, for {@code take-upstream} the upstream output
 * (the sync's snapshot), for {@code manual} it stays as a person edited it (and must hold no conflict marker
 * any more); the rule's state records the file's new SHA-256 so drift stays quiet, and a
 * {@code conflict_resolution} record is appended to {@code DECISIONS.md}. Pushed with a compare-and-swap.
 */
public final class Resolve {
    private static final Pattern MARKER = Pattern.compile("(?m)^(<<<<<<<|>>>>>>>) ");

    private Resolve() {}

    /** One decision about {@code path} of {@code rule} on the downstream's {@code branch}. */
    public record Request(Downstream downstream, String branch, String rule, String path, Decision decision, String by,
            String note, String prefix, boolean dryRun) {
        public Request {
            Objects.requireNonNull(downstream, "downstream");
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(prefix, "prefix");
        }
    }

    /** The record written, and the new commit of the branch (null for a dry run or a lost race). */
    public record Result(ConflictResolution record, String commit, boolean lostRace) {}

    /** Resolves; bad input (no branch, path not synced, no override, markers left) is an error saying which. */
    public static Result run(Request req, Clock clock) {
        try (DownstreamRepo repo = DownstreamRepo.fetch(req.downstream().url())) {
            ObjectId head = repo.head(req.branch());
            if (head == null) throw new DistributionException(req.downstream().name() + " has no branch " + req.branch());
            String statePath = DownstreamState.path(req.prefix(), req.rule());
            byte[] stateYaml = repo.read(head, statePath);
            if (stateYaml == null) throw new DistributionException(req.branch() + " has no sync state of rule " + req.rule());
            DownstreamState state = DownstreamState.fromYaml(stateYaml, req.branch() + ":" + statePath);
            if (!state.files().containsKey(req.path())) {
                throw new DistributionException(req.path() + " is not a file rule " + req.rule() + " synced on " + req.branch());
            }
            byte[] content = switch (req.decision()) {
                case KEEP_OVERRIDE -> required(repo.read(head, DownstreamState.overridesFolder(req.prefix()) + req.path()),
                        "no override " + DownstreamState.overridesFolder(req.prefix()) + req.path() + " on " + req.branch());
                case TAKE_UPSTREAM -> required(repo.read(head, DownstreamState.snapshotPath(req.prefix(), req.rule(), req.path())),
                        "no upstream snapshot of " + req.path() + " on " + req.branch());
                case MANUAL -> required(repo.read(head, req.path()), req.path() + " is not on " + req.branch());
            };
            if (MARKER.matcher(new String(content, StandardCharsets.UTF_8)).find()) {
                throw new DistributionException(req.path() + " still holds conflict markers: edit it on " + req.branch()
                        + " first, or decide keep-override or take-upstream");
            }
            Instant now = clock.instant();
            ConflictResolution record = new ConflictResolution(req.path(), req.rule(), state.version(), req.decision(),
                    req.by(), now, req.note());
            TreeMap<String, String> files = new TreeMap<>(state.files());
            files.put(req.path(), Hashes.sha256(content));
            DownstreamState next = new DownstreamState(state.rule(), state.sourceCommit(), state.version(), state.syncedAt(), files);
            byte[] decisions = repo.read(head, DecisionsLog.PATH);
            String log = DecisionsLog.append(decisions == null ? null : new String(decisions, StandardCharsets.UTF_8),
                    "conflict " + req.path() + " (" + req.rule() + " " + state.version() + "): " + req.decision().word(),
                    "conflict_resolution", record);
            Map<String, byte[]> edits = new LinkedHashMap<>();
            edits.put(req.path(), content);
            edits.put(statePath, next.toYaml());
            edits.put(DecisionsLog.PATH, log.getBytes(StandardCharsets.UTF_8));
            String message = "sync(" + req.prefix() + "): Resolve " + req.path() + " (" + req.decision().word() + ")\n"
                    + (record.note().isEmpty() ? "" : "\n" + record.note() + "\n");
            PersonIdent who = new PersonIdent(req.by(), "distribute@" + req.prefix() + ".invalid", now, ZoneOffset.UTC);
            ObjectId commit = repo.commit(head, edits, message, who);
            if (req.dryRun()) return new Result(record, null, false);
            if (repo.push(req.branch(), commit, head) instanceof DownstreamRepo.Pushed.Lost) return new Result(record, null, true);
            return new Result(record, commit.name(), false);
        }
    }

    private static byte[] required(byte[] bytes, String missing) {
        if (bytes == null) throw new DistributionException(missing);
        return bytes;
    }
}
