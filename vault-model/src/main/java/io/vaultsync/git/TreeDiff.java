package io.vaultsync.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** The paths two trees disagree on, with each side's blob (null where the path is absent). */
public final class TreeDiff {
    public record Entry(String path, ObjectId before, ObjectId after, FileMode afterMode) {}

    private TreeDiff() {}

    public static List<Entry> between(Repository repo, RevTree before, RevTree after) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(before);
            tw.addTree(after);
            tw.setRecursive(true);
            tw.setFilter(TreeFilter.ANY_DIFF);
            while (tw.next()) {
                if (tw.getFileMode(0) == FileMode.GITLINK || tw.getFileMode(1) == FileMode.GITLINK) continue;
                out.add(new Entry(tw.getPathString(), idOrNull(tw, 0), idOrNull(tw, 1), tw.getFileMode(1)));
            }
        }
        return out;
    }

    private static ObjectId idOrNull(TreeWalk tw, int i) {
        return tw.getFileMode(i) == FileMode.MISSING ? null : tw.getObjectId(i);
    }

    static String name(ObjectId id) {
        return id == null ? null : id.name();
    }
}
