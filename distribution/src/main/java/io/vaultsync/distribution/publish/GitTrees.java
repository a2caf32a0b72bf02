package io.vaultsync.distribution.publish;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reading files of a commit and writing a commit from a base plus edits, without a work tree: the one way the
 * tool reads and writes a downstream's trees (publish, rollback, resolve, drift).
 */
public final class GitTrees {
    private GitTrees() {
    }

    /** Every file of a commit's tree: path → blob id. */
    public static Map<String, ObjectId> files(Repository repo, ObjectId commit) throws IOException {
        Map<String, ObjectId> out = new LinkedHashMap<>();
        if (commit == null) {
            return out;
        }
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(rw.parseCommit(commit).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                if (tw.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
                    out.put(tw.getPathString(), tw.getObjectId(0));
                }
            }
        }
        return out;
    }

    /** The bytes of one file of a commit, if it is there. */
    public static Optional<byte[]> read(Repository repo, ObjectId commit, String path) throws IOException {
        if (commit == null) {
            return Optional.empty();
        }
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = TreeWalk.forPath(repo, path, rw.parseCommit(commit).getTree())) {
            if (tw == null || tw.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
                return Optional.empty();
            }
            return Optional.of(repo.open(tw.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE));
        }
    }

    /** A new commit: {@code base}'s tree (or none) with {@code edits} (path → bytes, or null to remove). */
    public static ObjectId commit(Repository repo, ObjectId base, Map<String, byte[]> edits, String message, PersonIdent who)
            throws IOException {
        try (ObjectInserter ins = repo.newObjectInserter(); ObjectReader reader = repo.newObjectReader(); RevWalk rw = new RevWalk(reader)) {
            DirCache dc = DirCache.newInCore();
            DirCacheBuilder b = dc.builder();
            RevCommit parent = base == null ? null : rw.parseCommit(base);
            if (parent != null) {
                b.addTree(new byte[0], 0, reader, parent.getTree());
            }
            b.finish();
            DirCacheEditor ed = dc.editor();
            for (Map.Entry<String, byte[]> e : edits.entrySet()) {
                if (e.getValue() == null) {
                    ed.add(new DirCacheEditor.DeletePath(e.getKey()));
                } else {
                    ObjectId blob = ins.insert(Constants.OBJ_BLOB, e.getValue());
                    ed.add(new DirCacheEditor.PathEdit(e.getKey()) {
                        @Override
                        public void apply(DirCacheEntry ent) {
                            ent.setFileMode(FileMode.REGULAR_FILE);
                            ent.setObjectId(blob);
                        }
                    });
                }
            }
            ed.finish();
            ObjectId tree = dc.writeTree(ins);
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(tree);
            if (parent != null) {
                cb.setParentId(parent);
            }
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setMessage(message);
            ObjectId id = ins.insert(cb);
            ins.flush();
            return id;
        }
    }

    /** The tree id of a commit. */
    public static ObjectId tree(Repository repo, ObjectId commit) throws IOException {
        try (RevWalk rw = new RevWalk(repo)) {
            return rw.parseCommit(commit).getTree().getId();
        }
    }
}
