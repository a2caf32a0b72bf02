package io.vaultsync.distribution.merge;

import java.util.Objects;

/**
 * One conflict left on a sync branch, as the PR body lists it: the downstream path and the lines of the
 * merged file the conflict markers span (1-based, inclusive; both 0 for a binary file, which has no lines).
 */
public record MergeConflict(String path, int startLine, int endLine, String detail) {
    public MergeConflict {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(detail, "detail");
        if (startLine < 0 || endLine < startLine) throw new IllegalArgumentException("bad line range " + startLine + ".." + endLine);
    }

    /** {@code docs/guide.md:12-18}, or the bare path for a binary file. */
    public String location() {
        return startLine == 0 ? path : path + ":" + startLine + "-" + endLine;
    }
}
