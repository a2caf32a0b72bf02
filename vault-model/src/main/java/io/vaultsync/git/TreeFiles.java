package io.vaultsync.git;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/** The files below one folder of a commit's tree, with their blob ids, in tree order. */
public final class TreeFiles {
    private TreeFiles() {}

    /** Empty for a null commit or a folder the commit does not have. {@code folder} ends with {@code /}. */
    public static Map<String, ObjectId> under(Repository repo, ObjectId commit, String folder) throws IOException {
        Map<String, ObjectId> out = new LinkedHashMap<>();
        if (commit == null) return out;
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(rw.parseCommit(commit).getTree());
            tw.setRecursive(true);
            tw.setFilter(PathFilter.create(folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder));
            while (tw.next()) out.put(tw.getPathString(), tw.getObjectId(0));
        }
        return out;
    }
}
