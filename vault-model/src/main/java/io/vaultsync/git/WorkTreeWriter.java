package io.vaultsync.git;

import io.vaultsync.config.AtomicFiles;
import io.vaultsync.conflict.WorkTreeUpdate;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;

/**
 * Brings the work tree and the index from one head's tree to another's, path by path, without ever
 * overwriting bytes that exist nowhere else: a clean file is replaced (temp file, then rename); a local
 * edit of this agent's own path is kept for the next scan; a local edit of another's path is first saved
 * through {@code saver} (a conflict copy), unless the gate blocks its bytes, in which case the file is
 * left alone. Per-path errors are collected, they do not stop the others.
 */
public final class WorkTreeWriter {
    /** Saves a local version of someone else's path before it is replaced; returns the copy's path. */
    public interface Saver {
        String save(String path, byte[] localBytes, ObjectId newBlob) throws IOException;
    }

    public record Result(List<String> written, List<String> keptLocal, List<String> saved, List<String> keptBlocked,
            List<String> errors) {}

    private final VaultRepo vault;
    private final Predicate<String> mine;
    private final BiPredicate<String, byte[]> blocked;
    private final Saver saver;

    public WorkTreeWriter(VaultRepo vault, Predicate<String> mine, BiPredicate<String, byte[]> blocked, Saver saver) {
        this.vault = vault;
        this.mine = mine;
        this.blocked = blocked;
        this.saver = saver;
    }

    public Result update(RevTree from, RevTree to, Set<String> dropped, Set<String> droppedRemoteChanged)
            throws IOException {
        Repository repo = vault.repository();
        List<String> written = new ArrayList<>();
        List<String> keptLocal = new ArrayList<>();
        List<String> saved = new ArrayList<>();
        List<String> keptBlocked = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<DirCacheEditor.PathEdit> edits = new ArrayList<>();
        List<String> deletions = new ArrayList<>();
        try (ObjectInserter.Formatter fmt = new ObjectInserter.Formatter()) {
            for (TreeDiff.Entry e : deletionsFirst(TreeDiff.between(repo, from, to))) {
                String path = e.path();
                if (!e.utf8()) {
                    // it would land under another name (or none): left in the tree for its zone's owner to undo
                    errors.add(path + ": not written to the work tree: the name is not valid UTF-8");
                    continue;
                }
                Path file = vault.workTree().resolve(path);
                try {
                    byte[] local = readIfFile(file);
                    boolean exists = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
                    ObjectId localId = local == null ? null : fmt.idFor(org.eclipse.jgit.lib.Constants.OBJ_BLOB, local);
                    boolean isOld = exists ? e.before() != null && e.before().equals(localId) : e.before() == null;
                    boolean isNew = exists ? e.after() != null && e.after().equals(localId) : e.after() == null;
                    boolean isMine = mine.test(path);
                    boolean isBlocked = local != null && !isMine && !isNew && blocked.test(path, local);
                    WorkTreeUpdate.Update action = WorkTreeUpdate.of(new WorkTreeUpdate.File(isOld, isNew,
                            dropped.contains(path), droppedRemoteChanged.contains(path), exists, isMine,
                            isBlocked || (exists && local == null)));
                    switch (action) {
                        case NOTHING -> { }
                        case APPLY -> place(repo, file, e.after(), written, path);
                        case SAVE_LOCAL_THEN_APPLY -> {
                            saved.add(saver.save(path, local, e.after()));
                            place(repo, file, e.after(), written, path);
                        }
                        case KEEP_LOCAL -> keptLocal.add(path);
                        case KEEP_BLOCKED -> keptBlocked.add(path);
                    }
                    boolean nowNew = action == WorkTreeUpdate.Update.NOTHING || action == WorkTreeUpdate.Update.APPLY
                            || action == WorkTreeUpdate.Update.SAVE_LOCAL_THEN_APPLY;
                    if (e.after() == null) {
                        deletions.add(path);
                    } else {
                        edits.add(indexEdit(path, e.after(), e.afterMode(), nowNew ? file : null));
                    }
                } catch (IOException ex) {
                    errors.add(path + ": " + ex.getMessage());
                }
            }
        }
        writeIndex(repo, vault.session().cleanIndex(), edits, deletions);
        return new Result(written, keptLocal, saved, keptBlocked, errors);
    }

    /** Deletions first, so a folder that becomes a file (or the reverse) is emptied before it is written. */
    private static List<TreeDiff.Entry> deletionsFirst(List<TreeDiff.Entry> diff) {
        List<TreeDiff.Entry> ordered = new ArrayList<>(diff.size());
        diff.stream().filter(e -> e.after() == null).forEach(ordered::add);
        diff.stream().filter(e -> e.after() != null).forEach(ordered::add);
        return ordered;
    }

    /** The file's bytes, or null if it is absent, a directory or a link (a link is never followed). */
    private static byte[] readIfFile(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return null;
        return Files.readAllBytes(file);
    }

    private void place(Repository repo, Path file, ObjectId blob, List<String> written, String path) throws IOException {
        if (blob == null) {
            Files.deleteIfExists(file);
            pruneEmptyParents(file.getParent());
        } else {
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("a folder stands where the file should go");
            }
            if (Files.isSymbolicLink(file)) Files.delete(file);
            AtomicFiles.write(file, repo.open(blob).getBytes());
        }
        written.add(path);
    }

    private void pruneEmptyParents(Path dir) throws IOException {
        Path root = vault.workTree();
        while (dir != null && dir.startsWith(root) && !dir.equals(root)) {
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException notEmpty) {
                return;
            }
            dir = dir.getParent();
        }
    }

    /** An index entry for the new blob; with the file's stat data only when the file holds exactly that blob. */
    private static DirCacheEditor.PathEdit indexEdit(String path, ObjectId blob, FileMode mode, Path fileIfCurrent)
            throws IOException {
        BasicFileAttributes attrs = fileIfCurrent == null ? null
                : Files.readAttributes(fileIfCurrent, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry ent) {
                ent.setFileMode(mode == FileMode.EXECUTABLE_FILE ? mode : FileMode.REGULAR_FILE);
                ent.setObjectId(blob);
                if (attrs != null) {
                    ent.setLength(attrs.size());
                    ent.setLastModified(attrs.lastModifiedTime().toInstant());
                } else {
                    ent.setLength(0);
                    ent.setLastModified(java.time.Instant.EPOCH);
                }
            }
        };
    }

    private static void writeIndex(Repository repo, CleanIndex clean, List<DirCacheEditor.PathEdit> edits,
            List<String> deletions) throws IOException {
        if (edits.isEmpty() && deletions.isEmpty()) return; // a push with nothing coming in: the index stays as it is
        clean.edit(repo, ed -> {
            edits.forEach(ed::add);
            deletions.forEach(p -> ed.add(new DirCacheEditor.DeletePath(p)));
        });
    }
}
