package io.vaultsync.git;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * A commit on top of the branch head made in two steps: {@link #write} stores its objects and moves nothing
 * (no ref, no index, no file), so it can be pushed first; {@link #land} moves the branch and the index to it
 * once the remote has taken it. What adopting a history needs: a push that fails leaves the clone as it was.
 */
public final class PendingCommit {
    private PendingCommit() {}

    /** The new commit (parent: the head) with exactly these files changed; its objects written, nothing moved. */
    public static ObjectId write(VaultRepo vault, List<StagedFile> files, String message, PersonIdent ident)
            throws IOException {
        Repository repo = vault.repository();
        ObjectId head = vault.head();
        try (ObjectInserter ins = repo.newObjectInserter(); RevWalk rw = new RevWalk(repo)) {
            RevCommit parent = head == null ? null : rw.parseCommit(head);
            Map<String, ObjectId> edits = new HashMap<>();
            for (StagedFile f : files) {
                edits.put(f.path(), f.isDeletion() ? null : ins.insert(Constants.OBJ_BLOB, f.content()));
            }
            ObjectId tree = CommitWriter.tree(rw.getObjectReader(), ins, parent == null ? null : parent.getTree(), edits);
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(tree);
            if (parent != null) cb.setParentId(parent);
            cb.setAuthor(ident);
            cb.setCommitter(ident);
            cb.setMessage(message);
            vault.signer().sign(repo, cb);
            ObjectId commit = ins.insert(cb);
            ins.flush();
            return commit;
        }
    }

    /**
     * Moves the branch from {@code expectedHead} to {@code commit} and sets these files' index entries (their
     * size and time as on disk now, so git sees them unchanged).
     */
    public static void land(VaultRepo vault, List<StagedFile> files, ObjectId expectedHead, ObjectId commit)
            throws IOException {
        Repository repo = vault.repository();
        ObjectInserter.Formatter ids = new ObjectInserter.Formatter();
        vault.session().cleanIndex().edit(repo, ed -> {
            for (StagedFile f : files) {
                if (f.isDeletion()) {
                    ed.add(new DirCacheEditor.DeletePath(f.path()));
                    continue;
                }
                ObjectId id = ids.idFor(Constants.OBJ_BLOB, f.content());
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
        Refs.move(repo, vault.branchRef(), expectedHead, commit, "adopt the history: " + files.size() + " paths");
    }
}
