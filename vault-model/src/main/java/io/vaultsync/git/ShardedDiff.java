package io.vaultsync.git;

import io.vaultsync.Parallel;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.IndexDiff;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The paths where the head, the index and the work tree differ, as JGit's {@link IndexDiff} lists them
 * (added, changed, removed, missing, modified, untracked, conflicting), found by a few IndexDiffs at once,
 * each over a {@link ShardFilter shard} of the tree. A profile of {@code status} on a 10k-file vault showed
 * the one IndexDiff on one thread, waiting on {@code lstat} and listing folders, while the other cores idled.
 */
final class ShardedDiff {
    /** At most this many shards: each reads the index once (tens of MB of heap on a 100k-file vault). */
    static final int MAX_SHARDS = 4;

    private ShardedDiff() {}

    /** The shards a full scan uses: one per core, at least 1, at most {@link #MAX_SHARDS}. */
    static int shards() {
        return Math.max(1, Math.min(MAX_SHARDS, Parallel.threads()));
    }

    /** Every path some shard's IndexDiff lists, sorted; with one shard, the one IndexDiff over the whole tree. */
    static TreeSet<String> candidates(Repository repo, ObjectId head, int shards) throws IOException {
        TreeSet<String> all = new TreeSet<>();
        for (Set<String> s : perShard(repo, head, shards)) all.addAll(s);
        return all;
    }

    /** What each shard lists (for a test to see that no path is lost or listed twice). */
    static List<Set<String>> perShard(Repository repo, ObjectId head, int shards) throws IOException {
        if (shards < 1) throw new IllegalArgumentException("shards < 1: " + shards);
        if (shards == 1) return List.of(diff(repo, head, null));
        @SuppressWarnings("unchecked")
        Set<String>[] found = new Set[shards];
        // one shard per thread; the threads are joined before the results are read
        Parallel.forEach(shards, shards, 1, () -> null, (none, i) -> found[i] = diff(repo, head, new ShardFilter(i, shards)));
        return List.of(found);
    }

    private static Set<String> diff(Repository repo, ObjectId head, TreeFilter filter) throws IOException {
        IndexDiff diff = new IndexDiff(repo, head, new UnignoredTreeIterator(repo));
        if (filter != null) diff.setFilter(filter);
        diff.diff();
        Set<String> listed = new HashSet<>();
        listed.addAll(diff.getAdded());
        listed.addAll(diff.getChanged());
        listed.addAll(diff.getRemoved());
        listed.addAll(diff.getMissing());
        listed.addAll(diff.getModified());
        listed.addAll(diff.getUntracked());
        listed.addAll(diff.getConflicting());
        return listed;
    }
}
