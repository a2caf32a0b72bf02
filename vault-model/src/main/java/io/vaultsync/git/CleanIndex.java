package io.vaultsync.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.lib.Repository;

/**
 * Remembers, for one {@link GitSession}, the index file it last knew to be free of conflict stages (it
 * read it, or wrote it). While that file is unchanged, recovery need not read all of it again: on a 100k-file vault
 * that read costs tens of milliseconds a cycle. Git and JGit replace the index through a lock file, so any
 * other writer (a person's {@code git merge}) leaves a different file (inode, time, size), and the next
 * check reads it.
 */
final class CleanIndex {
    private record Stamp(Object key, long modifiedNanos, long size) {}

    private final Map<Path, Stamp> seen = new ConcurrentHashMap<>();

    /** True when the index is the very file this session last knew to be free of conflicts. */
    boolean known(Repository repo) {
        Path index = repo.getIndexFile().toPath();
        Stamp s = seen.get(index);
        return s != null && s.equals(stamp(index));
    }

    /** The index, as it is now on disk, has no conflict stages. */
    void mark(Repository repo) {
        Path index = repo.getIndexFile().toPath();
        Stamp s = stamp(index);
        if (s == null) seen.remove(index);
        else seen.put(index, s);
    }

    private static Stamp stamp(Path index) {
        try {
            BasicFileAttributes a = Files.readAttributes(index, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new Stamp(a.fileKey(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS), a.size());
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Edits the index under its lock ({@code edits} adds to the editor) and writes it; an index left without
     * unmerged paths is marked clean, since what was just written has no conflicts.
     */
    void edit(Repository repo, Consumer<DirCacheEditor> edits) throws IOException {
        DirCache dc = repo.lockDirCache();
        try {
            DirCacheEditor ed = dc.editor();
            edits.accept(ed);
            ed.finish();
            dc.write();
            dc.commit();
            if (!dc.hasUnmergedPaths()) mark(repo);
        } finally {
            dc.unlock();
        }
    }
}
