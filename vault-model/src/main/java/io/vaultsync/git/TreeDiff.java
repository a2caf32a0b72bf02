package io.vaultsync.git;

import io.vaultsync.policy.Zones;
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
    /**
     * @param path the name as text; for a name that is not UTF-8, {@link GitPath#display} of it (never the
     *             name of another file)
     * @param raw  the name as git stores it
     */
    public record Entry(String path, ObjectId before, ObjectId after, FileMode afterMode, byte[] raw) {
        /** {@code false} for a name that is not valid UTF-8, which no agent writes or checks out. */
        public boolean utf8() {
            return GitPath.isUtf8(raw);
        }
    }

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
                byte[] raw = tw.getRawPath();
                out.add(new Entry(GitPath.display(raw), idOrNull(tw, 0), idOrNull(tw, 1), tw.getFileMode(1), raw));
            }
        }
        return out;
    }

    private static ObjectId idOrNull(TreeWalk tw, int i) {
        return tw.getFileMode(i) == FileMode.MISSING ? null : tw.getObjectId(i);
    }

    public static String name(ObjectId id) {
        return id == null ? null : id.name();
    }

    /** The entries as zone changes: added, deleted or modified paths. */
    public static List<Zones.Change> changes(List<Entry> diff) {
        List<Zones.Change> out = new ArrayList<>(diff.size());
        for (Entry e : diff) {
            Zones.Change.Kind k = e.before() == null ? Zones.Change.Kind.ADD
                    : e.after() == null ? Zones.Change.Kind.DELETE : Zones.Change.Kind.MODIFY;
            out.add(new Zones.Change(e.path(), k));
        }
        return out;
    }
}
