package io.vaultsync.git;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Commits exactly the given files on top of the branch head. The tree is built from HEAD plus these
 * paths, never from the shared index, so whatever else a person staged is not swept into the commit,
 * and the bytes committed are the bytes the gate checked.
 */
public final class CommitWriter {
    private CommitWriter() {}

    /** The new head, or the old head when the files change nothing. */
    public static ObjectId commit(VaultRepo vault, List<StagedFile> files, String message, PersonIdent ident)
            throws IOException {
        Repository repo = vault.repository();
        ObjectId head = vault.head();
        try (ObjectInserter ins = repo.newObjectInserter(); RevWalk rw = new RevWalk(repo)) {
            RevCommit parent = head == null ? null : rw.parseCommit(head);
            DirCache tree = DirCache.newInCore();
            DirCacheBuilder b = tree.builder();
            if (parent != null) b.addTree(new byte[0], DirCacheEntry.STAGE_0, rw.getObjectReader(), parent.getTree());
            b.finish();
            Map<String, ObjectId> blobs = new HashMap<>();
            DirCacheEditor ed = tree.editor();
            for (StagedFile f : files) {
                if (f.isDeletion()) {
                    ed.add(new DirCacheEditor.DeletePath(f.path()));
                } else {
                    ObjectId id = ins.insert(Constants.OBJ_BLOB, f.content());
                    blobs.put(f.path(), id);
                    ed.add(new DirCacheEditor.PathEdit(f.path()) {
                        @Override
                        public void apply(DirCacheEntry e) {
                            e.setFileMode(FileMode.REGULAR_FILE);
                            e.setObjectId(id);
                        }
                    });
                }
            }
            ed.finish();
            ObjectId treeId = tree.writeTree(ins);
            if (parent != null && treeId.equals(parent.getTree())) {
                return head;
            }
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(treeId);
            if (parent != null) cb.setParentId(parent);
            cb.setAuthor(ident);
            cb.setCommitter(ident);
            cb.setMessage(message);
            ObjectId commit = ins.insert(cb);
            ins.flush();
            updateIndex(repo, files, blobs);
            Refs.move(repo, vault.branchRef(), head, commit, "commit " + files.size() + " paths");
            return commit;
        }
    }

    private static void updateIndex(Repository repo, List<StagedFile> files, Map<String, ObjectId> blobs)
            throws IOException {
        DirCache dc = repo.lockDirCache();
        try {
            DirCacheEditor ed = dc.editor();
            for (StagedFile f : files) {
                if (f.isDeletion()) {
                    ed.add(new DirCacheEditor.DeletePath(f.path()));
                    continue;
                }
                ObjectId id = blobs.get(f.path());
                ed.add(new DirCacheEditor.PathEdit(f.path()) {
                    @Override
                    public void apply(DirCacheEntry e) {
                        e.setFileMode(FileMode.REGULAR_FILE);
                        e.setObjectId(id);
                        e.setLength(f.size());
                        e.setLastModified(f.modified().toInstant());
                    }
                });
            }
            ed.finish();
            dc.write();
            dc.commit();
        } finally {
            dc.unlock();
        }
    }
}
