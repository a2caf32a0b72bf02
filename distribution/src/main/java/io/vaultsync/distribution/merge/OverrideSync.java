package io.vaultsync.distribution.merge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The override step of a sync, for the publish pipeline: for each downstream path the rule writes, when the
 * downstream holds an override ({@code .agent33-overrides/<path>}) the override is merged with the new
 * upstream output over the previous sync's snapshot; otherwise the upstream output is written as it is. Pure:
 * the downstream is read through a function (path → bytes at the downstream's head, null when absent).
 */
public final class OverrideSync {
    private OverrideSync() {}

    /** The bytes to write per downstream path, and every conflict left in them. */
    public record Applied(Map<String, byte[]> written, List<MergeConflict> conflicts) {
        public Applied {
            written = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(written));
            conflicts = List.copyOf(conflicts);
        }
    }

    /**
     * Applies the overrides. {@code overridesFolder} is {@code .agent33-overrides/}; {@code snapshotFolder} is
     * {@code .agent33-sync-state/<rule>/snapshot/}; {@code upstream} maps downstream path → new upstream bytes.
     */
    public static Applied apply(Function<String, byte[]> downstream, String overridesFolder, String snapshotFolder,
            Map<String, byte[]> upstream) {
        Objects.requireNonNull(downstream, "downstream");
        Map<String, byte[]> written = new LinkedHashMap<>();
        List<MergeConflict> conflicts = new ArrayList<>();
        upstream.forEach((path, theirs) -> {
            byte[] ours = downstream.apply(overridesFolder + path);
            if (ours == null) {
                written.put(path, theirs);
                return;
            }
            MergeOutcome out = OverrideMerge.merge(downstream.apply(snapshotFolder + path), ours, theirs);
            written.put(path, out.content());
            conflicts.addAll(out.conflictsAt(path));
        });
        return new Applied(written, conflicts);
    }

    /** The PR body's section listing the conflicts (empty when there are none). */
    public static String conflictsSection(List<MergeConflict> conflicts) {
        if (conflicts.isEmpty()) return "";
        StringBuilder b = new StringBuilder("### Merge conflicts with overrides\n\n")
                .append("Resolve each on this branch, then record it: `distribute resolve --path PATH --decision "
                        + "keep-override|take-upstream|manual`.\n\n| File | Lines | Detail |\n|---|---|---|\n");
        for (MergeConflict c : conflicts) {
            b.append("| `").append(c.path()).append("` | ")
                    .append(c.startLine() == 0 ? "whole file" : c.startLine() + "-" + c.endLine()).append(" | ")
                    .append(c.detail()).append(" |\n");
        }
        return b.toString();
    }
}
