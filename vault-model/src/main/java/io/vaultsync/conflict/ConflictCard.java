package io.vaultsync.conflict;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A decision card: a Markdown file with YAML front matter under {@code Pending_Approval/conflicts/<agent>/},
 * naming the path, the kind, the side kept in place and where the other side's bytes are saved.
 */
public record ConflictCard(String id, ConflictKind kind, String path, Side kept, Side saved, String copyPath,
        Instant createdAt, String createdBy) {
    public static final String DIR = "Pending_Approval/conflicts/";
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** One version of the path: who wrote it and the commit it is in (null if only in a work tree). */
    public record Side(String agent, String commit) {}

    public ConflictCard {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kept, "kept");
        Objects.requireNonNull(saved, "saved");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
    }

    public static String newId(Instant now, String discriminator) {
        return "C-" + ID_TIME.format(now) + "-" + discriminator;
    }

    public static String dir(String agent) {
        return DIR + agent + "/";
    }

    /** Where the card itself lives. */
    public String cardPath() {
        return dir(createdBy) + id + ".md";
    }

    /** Where the other side's bytes are saved: a folder named after the card, keeping the file name. */
    public static String copyPath(String agent, String id, String originalPath) {
        String name = originalPath.substring(originalPath.lastIndexOf('/') + 1);
        return dir(agent) + id + "/" + name;
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("---\n");
        sb.append("id: ").append(id).append('\n');
        sb.append("kind: ").append(kind.yamlName()).append('\n');
        sb.append("path: ").append(quote(path)).append('\n');
        sb.append("status: open\n");
        side(sb, "kept", kept, path);
        side(sb, "saved", saved, copyPath);
        sb.append("options: [keep_ours, keep_theirs, keep_both, skip]\n");
        sb.append("recommendation: keep_ours\n");
        sb.append("created_at: ").append(createdAt).append('\n');
        sb.append("created_by: ").append(createdBy).append('\n');
        sb.append("---\n\n");
        sb.append("# Conflict on `").append(path).append("`\n\n");
        sb.append("Two versions of this file met during a sync (").append(kind.yamlName()).append(").\n\n");
        sb.append("- Kept in place: the version by **").append(kept.agent()).append("**")
                .append(kept.commit() == null ? "" : " (commit `" + kept.commit() + "`)").append(".\n");
        sb.append("- Saved: the version by **").append(saved.agent()).append("**")
                .append(saved.commit() == null ? "" : " (commit `" + saved.commit() + "`)")
                .append(copyPath == null ? ", deleted on that side" : ", at `" + copyPath + "`").append(".\n\n");
        sb.append("Nothing was lost: compare the two files and keep what you want.\n");
        return sb.toString();
    }

    private static void side(StringBuilder sb, String key, Side s, String where) {
        sb.append(key).append(":\n");
        sb.append("  agent: ").append(s.agent()).append('\n');
        sb.append("  commit: ").append(s.commit() == null ? "null" : s.commit()).append('\n');
        sb.append("  at: ").append(where == null ? "null" : quote(where)).append('\n');
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
