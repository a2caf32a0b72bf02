package io.vaultsync.git;

import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * One of {@code shards} disjoint parts of a tree walk: every path belongs to exactly one shard, decided by
 * its first two components (a file at the top by its name). The folders at the top are entered by every
 * shard; an entry one level down (a file or a folder) is included by its shard only, and what lies below
 * it goes with it. The shards of a walk together see each path exactly once.
 */
final class ShardFilter extends TreeFilter {
    private final int shard;
    private final int shards;

    ShardFilter(int shard, int shards) {
        if (shards < 1) throw new IllegalArgumentException("shards < 1: " + shards);
        if (shard < 0 || shard >= shards) throw new IllegalArgumentException("shard " + shard + " of " + shards);
        this.shard = shard;
        this.shards = shards;
    }

    @Override
    public boolean include(TreeWalk walker) {
        int depth = walker.getDepth();
        if (depth >= 2) return true; // its folder one level down was included by this shard alone
        if (depth == 0 && walker.isSubtree()) return true; // a folder at the top: every shard enters it
        return shardOf(walker.getRawPath(), shards) == shard;
    }

    /**
     * The shard of a key (a path of at most two components): a hash of its bytes, spread over the shards.
     * Pure: the same key always goes to the same shard.
     */
    static int shardOf(byte[] key, int shards) {
        int h = 1;
        for (byte b : key) h = 31 * h + b;
        h ^= h >>> 16;
        h *= 0x45d9f3b;
        h ^= h >>> 16;
        return Math.floorMod(h, shards);
    }

    @Override
    public boolean shouldBeRecursive() {
        return false;
    }

    @Override
    public TreeFilter clone() {
        return this; // no state of its own
    }

    @Override
    public String toString() {
        return "SHARD(" + shard + "/" + shards + ")";
    }
}
