package io.vaultsync.git;

import io.vaultsync.Parallel;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.IndexDiff;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.IndexDiffFilter;
import org.eclipse.jgit.treewalk.filter.SkipWorkTreeFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The paths where the head, the index and the work tree differ, as JGit's {@link IndexDiff} finds them
 * (added, changed, removed, missing, modified, untracked, conflicting), found by a few walks at once, each
 * over a {@link ShardFilter shard} of the tree, sharing one reading of the index. A profile of {@code status}
 * on a 10k-file vault showed the one IndexDiff on one thread, waiting on {@code lstat} and listing folders,
 * while the other cores idled.
 */
final class ShardedDiff {
    /** At most this many shards (threads), each walking its part of the tree. */
    static final int MAX_SHARDS = 4;

    private ShardedDiff() {}

    /** The shards a full scan uses: one per core, at least 1, at most {@link #MAX_SHARDS}. */
    static int shards() {
        return Math.max(1, Math.min(MAX_SHARDS, Parallel.threads()));
    }

    /** Every path some shard lists, sorted; with one shard, what the one IndexDiff over the whole tree lists. */
    static TreeSet<String> candidates(Repository repo, ObjectId head, int shards) throws IOException {
        TreeSet<String> all = new TreeSet<>();
        for (Set<String> s : perShard(repo, head, shards)) all.addAll(s);
        return all;
    }

    /**
     * What each shard lists (for a test to see that no path is lost or listed twice). The shards share one
     * reading of the index: each walks the head, the index and the work tree as IndexDiff does, with its
     * filters, and lists every file the walk stops at (a file differing somewhere, or a conflict); IndexDiff
     * sorts those same files into its kinds.
     */
    static List<Set<String>> perShard(Repository repo, ObjectId head, int shards) throws IOException {
        if (shards < 1) throw new IllegalArgumentException("shards < 1: " + shards);
        if (shards == 1) return List.of(diff(repo, head));
        DirCache index = repo.readDirCache();
        index.getCacheTree(true); // built here, once: the shards' iterators then only read it
        RevTree tree;
        try (RevWalk rw = new RevWalk(repo)) {
            tree = head == null ? null : rw.parseTree(head);
        }
        @SuppressWarnings("unchecked")
        Set<String>[] found = new Set[shards];
        // one shard per thread, each with a reader of its own; the threads are joined before the results are read
        Parallel.forEach(shards, shards, 1, repo::newObjectReader,
                (reader, i) -> found[i] = walk(repo, reader, tree, index, new ShardFilter(i, shards)));
        return List.of(found);
    }

    private static Set<String> walk(Repository repo, ObjectReader reader, RevTree tree, DirCache index, TreeFilter shard)
            throws IOException {
        Set<String> listed = new HashSet<>();
        try (TreeWalk tw = new TreeWalk(repo, reader)) {
            tw.setOperationType(TreeWalk.OperationType.CHECKIN_OP);
            tw.setRecursive(true);
            if (tree == null) tw.addTree(new EmptyTreeIterator());
            else tw.addTree(tree);
            tw.addTree(new DirCacheIterator(index));
            UnignoredTreeIterator work = new UnignoredTreeIterator(repo);
            tw.addTree(work);
            work.setDirCacheIterator(tw, 1);
            tw.setFilter(AndTreeFilter.create(List.of(shard, new SkipWorkTreeFilter(1), new IndexDiffFilter(1, 2))));
            while (tw.next()) listed.add(tw.getPathString());
        }
        return listed;
    }

    /** The one IndexDiff over the whole tree, as before shards. */
    private static Set<String> diff(Repository repo, ObjectId head) throws IOException {
        IndexDiff diff = new IndexDiff(repo, head, new UnignoredTreeIterator(repo));
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
