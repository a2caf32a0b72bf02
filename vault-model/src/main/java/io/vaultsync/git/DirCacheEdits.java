package io.vaultsync.git;

import io.vaultsync.conflict.ConflictCard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevTree;

/** Building a tree in an in-core index: the edits the replay and the incoming check make, files only. */
public final class DirCacheEdits {
    private DirCacheEdits() {}

    /** An in-core index holding {@code tree}. */
    public static DirCache of(ObjectReader reader, RevTree tree) throws IOException {
        DirCache dc = DirCache.newInCore();
        DirCacheBuilder b = dc.builder();
        b.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, tree);
        b.finish();
        return dc;
    }

    /** The blob at {@code path} in {@code dc}, or null. */
    public static ObjectId blobIn(DirCache dc, String path) {
        DirCacheEntry e = dc.getEntry(path);
        return e == null ? null : e.getObjectId();
    }

    /** Sets {@code path} to {@code blob} as a regular file, or deletes it when {@code blob} is null. */
    public static void put(DirCacheEditor ed, String path, ObjectId blob) {
        if (blob == null) {
            ed.add(new DirCacheEditor.DeletePath(path));
            return;
        }
        ed.add(new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry ent) {
                ent.setFileMode(FileMode.REGULAR_FILE);
                ent.setObjectId(blob);
            }
        });
    }

    /** As {@link #put(DirCacheEditor, String, ObjectId)}, for a path given as git's bytes. */
    public static void put(DirCacheEditor ed, byte[] path, ObjectId blob) {
        if (blob == null) {
            ed.add(new DirCacheEditor.DeletePath(new DirCacheEntry(path)));
            return;
        }
        ed.add(new DirCacheEditor.PathEdit(new DirCacheEntry(path)) {
            @Override
            public void apply(DirCacheEntry ent) {
                ent.setFileMode(FileMode.REGULAR_FILE);
                ent.setObjectId(blob);
            }
        });
    }

    /** The card file, and the saved version's bytes at the card's copy path when it has one. */
    public static void writeCard(DirCacheEditor ed, ObjectInserter ins, ConflictCard card, ObjectId saved) throws IOException {
        if (card.saved().at() != null && saved != null) put(ed, card.saved().at(), saved);
        put(ed, card.cardPath(), ins.insert(Constants.OBJ_BLOB, card.render().getBytes(StandardCharsets.UTF_8)));
    }
}
