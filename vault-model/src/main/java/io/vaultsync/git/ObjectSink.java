package io.vaultsync.git;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.Pack;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.CoreConfig;
import org.eclipse.jgit.lib.ObjectDatabase;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;

/**
 * Where a commit's new objects are written. A big commit (a first sync of thousands of files) goes into one
 * pack, written once and fsynced once with its index and folder; a small one goes into loose objects, each
 * fsynced (the repository is opened with {@code core.fsyncObjectFiles}), as before: a pack per small commit
 * would only bring JGit's automatic gc (more than 50 packs) sooner. Either way every object of the commit is
 * durable once {@link #durable} returns, before the caller moves the branch to it.
 */
public final class ObjectSink {
    /** From this many new objects a commit's objects go into one pack (C git's unpack limit is the same). */
    public static final int PACK_FROM = 100;

    private ObjectSink() {}

    /** True when {@code objects} new objects are written as one pack. */
    public static boolean packs(int objects) {
        return objects >= PACK_FROM;
    }

    /** An inserter for about {@code objects} new objects: a pack inserter when {@link #packs}, else the loose one. */
    public static ObjectInserter open(Repository repo, int objects) {
        ObjectDatabase db = repo.getObjectDatabase();
        if (!packs(objects) || !(db instanceof ObjectDirectory dir)) return repo.newObjectInserter();
        PackInserter ins = dir.newPackInserter();
        ins.checkExisting(true);
        // the repository's own level (zlib's default unless core.compression says otherwise), not the best
        // compression PackInserter picks by default: twice the CPU for a few percent
        ins.setCompressionLevel(repo.getConfig().get(CoreConfig.KEY).getCompression());
        return ins;
    }

    /**
     * Flushes {@code ins} and makes what it wrote durable. A pack inserter's flush renames the pack and its
     * index into place without an fsync: here both files and the pack folder are fsynced, found by
     * {@code written} (any object the flush wrote, the commit). Loose objects were fsynced one by one.
     */
    public static void durable(Repository repo, ObjectInserter ins, AnyObjectId written) throws IOException {
        ins.flush();
        if (!(ins instanceof PackInserter) || !(repo.getObjectDatabase() instanceof ObjectDirectory dir)) return;
        for (Pack p : dir.getPacks()) {
            if (!p.hasObject(written)) continue;
            fsync(p.getPackFile().toPath());
            fsync(p.getPackFile().create(PackExt.INDEX).toPath());
            fsync(dir.getPackDirectory().toPath());
            return;
        }
        throw new IOException("the pack just written with " + written.name() + " is not among the repository's packs");
    }

    private static void fsync(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
