package io.vaultsync.git;

import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** JGit's {@code PathFilter} for one path given as git's bytes, so a name that is not UTF-8 can be found. */
public final class RawPathFilter extends TreeFilter {
    private final byte[] raw;

    public RawPathFilter(byte[] raw) {
        this.raw = raw.clone();
    }

    @Override
    public boolean include(TreeWalk walker) {
        return walker.isPathMatch(raw, raw.length) <= 0;
    }

    @Override
    public boolean shouldBeRecursive() {
        for (byte b : raw) if (b == '/') return true;
        return false;
    }

    @Override
    public TreeFilter clone() {
        return this;
    }
}
