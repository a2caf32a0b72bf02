package io.vaultsync.conflict;

import io.vaultsync.markdown.YamlText;
import io.vaultsync.conflict.ConflictDecision.Side;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A decision card: a Markdown file with YAML front matter under {@code Pending_Approval/conflicts/<agent>/},
 * naming the path, the kind, both versions (who wrote each, in which commit, where its bytes are now), the
 * base, the options left to a person and a recommendation; the body explains it and shows a short diff.
 * "Ours" is the version of the agent that raised the card ({@code createdBy}).
 *
 * @param base       the commit both sides started from, null when unknown
 * @param reason     one sentence on what happened
 * @param diff       a short line diff from ours to theirs, or a note why none is shown
 * @param resolution null while the card is open
 */
public record ConflictCard(String id, ConflictKind kind, String path, String base, Version ours, Version theirs,
        Side inPlace, Keep recommendation, List<Keep> options, String reason, String diff, Instant createdAt,
        String createdBy, Resolution resolution) {
    public static final String DIR = "Pending_Approval/conflicts/";
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /**
     * One version: who wrote it (an agent name, or {@code git: Name <email>} for a commit without one), the
     * commit it is in (null if only in a work tree), and where its bytes are now (null: deleted on that side).
     */
    public record Version(String agent, String commit, String at) {
        public Version {
            Objects.requireNonNull(agent, "agent");
        }
    }

    /** How a card was closed. */
    public record Resolution(Keep keep, Instant at, String by, String note) {}

    public ConflictCard {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(ours, "ours");
        Objects.requireNonNull(theirs, "theirs");
        Objects.requireNonNull(inPlace, "inPlace");
        Objects.requireNonNull(recommendation, "recommendation");
        options = List.copyOf(options);
        Objects.requireNonNull(reason, "reason");
        diff = diff == null ? "" : diff;
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
    }

    public static String newId(Instant now, String discriminator) {
        return "C-" + ID_TIME.format(now) + "-" + discriminator;
    }

    /**
     * A card for work that kept failing (a handler, an executor): the file stays in place as "ours"; the
     * options are to try again ({@code keep_ours}) or to leave it ({@code skip}).
     *
     * @param runner what failed, e.g. {@code handler email: scripts/sample-handler.sh}
     * @param output the last lines the command printed, already passed by the secret gate (may be empty)
     */
    public static ConflictCard failure(String id, ConflictKind kind, String path, String runner, String reason,
            String output, Instant now, String me) {
        if (kind.weighsVersions()) throw new IllegalArgumentException(kind + " is not a failure kind");
        return new ConflictCard(id, kind, path, null, new Version(me, null, path), new Version(runner, null, null),
                Side.OURS, Keep.OURS, List.of(Keep.OURS, Keep.SKIP), reason, output, now, me, null);
    }

    /**
     * A card for a deleted task that came back: the new copy is kept at {@code savedAt}; {@code keep_theirs}
     * puts it back in place, {@code skip} leaves the task deleted.
     */
    public static ConflictCard tombstoned(String id, String path, String savedAt, String reason, Instant now, String me) {
        return new ConflictCard(id, ConflictKind.TOMBSTONED, path, null, new Version(me, null, null),
                new Version("re-ingested", null, savedAt), Side.OURS, Keep.SKIP, List.of(Keep.THEIRS, Keep.SKIP), reason,
                "", now, me, null);
    }

    /**
     * A card for the secrets found in a history {@code init} adopted: {@code findings} (already shown-safe lines)
     * are its body; the only option is {@code skip}, closing it once the history is purged.
     */
    public static ConflictCard historySecrets(String id, String branch, String reason, String findings, Instant now,
            String me) {
        return new ConflictCard(id, ConflictKind.HISTORY_SECRETS, branch, null, new Version(me, null, null),
                new Version("history", null, null), Side.OURS, Keep.SKIP, List.of(Keep.SKIP), reason, findings, now, me,
                null);
    }

    public static String dir(String agent) {
        return DIR + agent + "/";
    }

    /** Where the card itself lives. */
    public String cardPath() {
        return dir(createdBy) + id + ".md";
    }

    /** Where a saved version's bytes go: a folder named after the card, keeping the file name. */
    public static String copyPath(String agent, String id, String originalPath) {
        String name = originalPath.substring(originalPath.lastIndexOf('/') + 1);
        return dir(agent) + id + "/" + name;
    }

    public boolean isOpen() {
        return resolution == null;
    }

    /** The version that is not in place (the saved one). */
    public Version saved() {
        return inPlace == Side.OURS ? theirs : ours;
    }

    public Version side(Side s) {
        return s == Side.OURS ? ours : theirs;
    }

    public ConflictCard resolved(Resolution r) {
        return new ConflictCard(id, kind, path, base, ours, theirs, inPlace, recommendation, options, reason, diff,
                createdAt, createdBy, Objects.requireNonNull(r, "resolution"));
    }

    public String render() {
        StringBuilder sb = new StringBuilder("---\n");
        sb.append("id: ").append(id).append('\n');
        sb.append("kind: ").append(kind.yamlName()).append('\n');
        sb.append("path: ").append(YamlText.quote(path)).append('\n');
        sb.append("status: ").append(isOpen() ? "open" : "resolved").append('\n');
        sb.append("base: ").append(base == null ? "null" : base).append('\n');
        version(sb, "ours", ours);
        version(sb, "theirs", theirs);
        sb.append("in_place: ").append(inPlace == Side.OURS ? "ours" : "theirs").append('\n');
        sb.append("options: [").append(options.stream().map(Keep::yamlName).collect(Collectors.joining(", "))).append("]\n");
        sb.append("recommendation: ").append(recommendation.yamlName()).append('\n');
        sb.append("reason: ").append(YamlText.quote(reason)).append('\n');
        sb.append("created_at: ").append(createdAt).append('\n');
        sb.append("created_by: ").append(createdBy).append('\n');
        if (resolution != null) {
            sb.append("resolution: ").append(resolution.keep().yamlName()).append('\n');
            sb.append("resolved_at: ").append(resolution.at()).append('\n');
            sb.append("resolved_by: ").append(resolution.by()).append('\n');
            if (resolution.note() != null) sb.append("resolution_note: ").append(YamlText.quote(resolution.note())).append('\n');
        }
        sb.append("---\n\n");
        sb.append("# ").append(title()).append(" on `").append(path).append("`\n\n");
        sb.append(reason).append("\n\n");
        if (kind.weighsVersions()) {
            describe(sb, "ours", ours, inPlace == Side.OURS);
            describe(sb, "theirs", theirs, inPlace == Side.THEIRS);
            sb.append('\n');
        }
        if (isOpen() && kind == ConflictKind.HISTORY_SECRETS) {
            sb.append("Close it with `resolve ").append(id).append(" --keep skip` on ").append(createdBy)
                    .append("'s side once the credentials are rotated and the history purged.\n");
        } else if (isOpen() && kind == ConflictKind.TOMBSTONED) {
            sb.append("Decide with `resolve ").append(id).append(" --keep theirs` on ").append(createdBy)
                    .append("'s side to bring `").append(path).append("` back, or `--keep skip` to leave it deleted.\n");
        } else if (isOpen() && !kind.weighsVersions()) {
            sb.append("Decide with `resolve ").append(id).append(" --keep ours` on ").append(createdBy)
                    .append("'s side to try again, or `--keep skip` to leave `").append(path).append("` as it is.\n");
        } else if (isOpen()) {
            sb.append("Recommended: `").append(recommendation.yamlName()).append("` (the version in place).\n");
            sb.append("Decide with `resolve ").append(id).append(" --keep ")
                    .append(options.stream().map(k -> k == Keep.SKIP ? "skip" : k.yamlName().substring(5))
                            .collect(Collectors.joining("|")))
                    .append("` on ").append(createdBy).append("'s side. Until then nothing is lost: both versions are kept.\n");
        } else {
            sb.append("Resolved: `").append(resolution.keep().yamlName()).append("` by ").append(resolution.by())
                    .append(" at ").append(resolution.at()).append(resolution.note() == null ? "" : ": " + resolution.note())
                    .append(".\n");
        }
        if (!diff.isEmpty()) {
            sb.append(kind.weighsVersions() ? "\n## Diff (ours → theirs)\n\n```diff\n"
                    : kind == ConflictKind.HISTORY_SECRETS ? "\n## Findings\n\n```\n" : "\n## Last output\n\n```\n")
                    .append(diff);
            if (!diff.endsWith("\n")) sb.append('\n');
            sb.append("```\n");
        }
        return sb.toString();
    }

    private String title() {
        return switch (kind) {
            case CONTENT -> "Both sides changed";
            case MODIFY_DELETE -> "Changed on one side, deleted on the other";
            case ADD_ADD -> "Both sides created";
            case OUT_OF_ZONE_LOCAL_EDIT -> "Edit outside this agent's zones";
            case DOUBLE_CLAIM -> "Task held by another agent";
            case EDIT_AFTER_VERDICT -> "Draft edited after its verdict";
            case ZONE_VIOLATION -> "Write refused outside the writer's zones";
            case POLICY_CHANGE -> "Policy change refused";
            case HANDLER_FAILED -> "Handler failed";
            case EXECUTION_FAILED -> "Executor failed";
            case TOMBSTONED -> "Deleted task came back";
            case HISTORY_SECRETS -> "Secrets in the adopted history";
        };
    }

    private void describe(StringBuilder sb, String name, Version v, boolean inPlace) {
        sb.append("- ").append(name).append(": the version by **").append(v.agent()).append("**")
                .append(v.commit() == null ? " (not committed)" : " (commit `" + v.commit() + "`)");
        if (v.at() == null) sb.append(", not present on that side (deleted, never created, or held back)");
        else if (inPlace) sb.append(", in place at `").append(v.at()).append('`');
        else sb.append(", saved at `").append(v.at()).append('`');
        sb.append(".\n");
    }

    private static void version(StringBuilder sb, String key, Version v) {
        sb.append(key).append(":\n");
        sb.append("  agent: ").append(YamlText.quote(v.agent())).append('\n');
        sb.append("  commit: ").append(v.commit() == null ? "null" : v.commit()).append('\n');
        sb.append("  at: ").append(v.at() == null ? "null" : YamlText.quote(v.at())).append('\n');
    }
}
