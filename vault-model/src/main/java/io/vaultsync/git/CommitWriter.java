package io.vaultsync.git;

import io.vaultsync.progress.Progress;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

/**
 * Commits exactly the given files on top of the branch head. The tree is built from HEAD plus these
 * paths, never from the shared index, so whatever else a person staged is not swept into the commit,
 * and the bytes committed are the bytes the gate checked. A big commit's objects are written as one pack
 * ({@link ObjectSink}).
 */
public final class CommitWriter {
    private CommitWriter() {}

    /** The new head, or the old head when the files change nothing. */
    public static ObjectId commit(VaultRepo vault, List<StagedFile> files, String message, PersonIdent ident)
            throws IOException {
        return commit(vault, files, message, ident, Progress.NONE);
    }

    /** As above, telling {@code progress} the files and bytes stored (a phase "storing files"). */
    public static ObjectId commit(VaultRepo vault, List<StagedFile> files, String message, PersonIdent ident,
            Progress progress) throws IOException {
        if (progress != Progress.NONE) { // the byte total costs a pass over the files: only when someone watches
            progress.begin("storing files", files.size(), files.stream().mapToLong(StagedFile::size).sum());
        }
        try {
            return write(vault, files, message, ident, progress);
        } finally {
            progress.end();
        }
    }

    private static ObjectId write(VaultRepo vault, List<StagedFile> files, String message, PersonIdent ident,
            Progress progress) throws IOException {
        Repository repo = vault.repository();
        ObjectId head = vault.head();
        try (ObjectInserter ins = ObjectSink.open(repo, files.size()); RevWalk rw = new RevWalk(repo)) {
            RevCommit parent = head == null ? null : rw.parseCommit(head);
            Map<String, ObjectId> blobs = new HashMap<>();
            Map<String, ObjectId> edits = new HashMap<>();
            for (StagedFile f : files) {
                ObjectId id = f.isDeletion() ? null : ins.insert(Constants.OBJ_BLOB, f.content());
                progress.advance(1, f.size());
                if (id != null) blobs.put(f.path(), id);
                edits.put(f.path(), id);
            }
            ObjectId treeId = tree(rw.getObjectReader(), ins, parent == null ? null : parent.getTree(), edits);
            if (parent != null && treeId.equals(parent.getTree())) {
                return head;
            }
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(treeId);
            if (parent != null) cb.setParentId(parent);
            cb.setAuthor(ident);
            cb.setCommitter(ident);
            cb.setMessage(message);
            vault.signer().sign(repo, cb);
            ObjectId commit = ins.insert(cb);
            ObjectSink.durable(repo, ins, commit); // every object of the commit on disk before the branch moves to it
            updateIndex(repo, vault.session().cleanIndex(), files, blobs);
            Refs.move(repo, vault.branchRef(), head, commit, "commit " + files.size() + " paths");
            return commit;
        }
    }

    /** The parent's tree with the edits: only the edited trees are rewritten, unless a name conflict needs the full build. */
    static ObjectId tree(ObjectReader reader, ObjectInserter ins, ObjectId parentTree, Map<String, ObjectId> edits)
            throws IOException {
        try {
            return TreeEdits.apply(reader, ins, parentTree, edits);
        } catch (TreeEdits.NameConflict e) {
            return fullTree(reader, ins, parentTree, edits);
        }
    }

    /** The parent's whole tree in an in-core index, edited, written out: the reference for {@link TreeEdits}. */
    static ObjectId fullTree(ObjectReader reader, ObjectInserter ins, ObjectId parentTree, Map<String, ObjectId> edits)
            throws IOException {
        DirCache tree = DirCache.newInCore();
        DirCacheBuilder b = tree.builder();
        if (parentTree != null) b.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, parentTree);
        b.finish();
        DirCacheEditor ed = tree.editor();
        for (Map.Entry<String, ObjectId> e : new TreeMap<>(edits).entrySet()) {
            ObjectId id = e.getValue();
            if (id == null) {
                ed.add(new DirCacheEditor.DeletePath(e.getKey()));
                continue;
            }
            ed.add(new DirCacheEditor.PathEdit(e.getKey()) {
                @Override
                public void apply(DirCacheEntry entry) {
                    entry.setFileMode(FileMode.REGULAR_FILE);
                    entry.setObjectId(id);
                }
            });
        }
        ed.finish();
        return tree.writeTree(ins);
    }

    private static void updateIndex(Repository repo, CleanIndex clean, List<StagedFile> files,
            Map<String, ObjectId> blobs) throws IOException {
        clean.edit(repo, ed -> {
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
        });
    }
}
