package io.vaultsync.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.Repository;

/**
 * Remembers, per process, the index file this process last knew to be free of conflict stages (it read it,
 * or wrote it). While that file is unchanged, recovery need not read all of it again: on a 100k-file vault
 * that read costs tens of milliseconds a cycle. Git and JGit replace the index through a lock file, so any
 * other writer (a person's {@code git merge}) leaves a different file (inode, time, size), and the next
 * check reads it.
 */
final class CleanIndex {
    private record Stamp(Object key, long modifiedNanos, long size) {}

    private static final Map<Path, Stamp> SEEN = new ConcurrentHashMap<>();

    private CleanIndex() {}

    /** True when the index is the very file this process last knew to be free of conflicts. */
    static boolean known(Repository repo) {
        Path index = repo.getIndexFile().toPath();
        Stamp s = SEEN.get(index);
        return s != null && s.equals(stamp(index));
    }

    /** The index, as it is now on disk, has no conflict stages. */
    static void mark(Repository repo) {
        Path index = repo.getIndexFile().toPath();
        Stamp s = stamp(index);
        if (s == null) SEEN.remove(index);
        else SEEN.put(index, s);
    }

    private static Stamp stamp(Path index) {
        try {
            BasicFileAttributes a = Files.readAttributes(index, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new Stamp(a.fileKey(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS), a.size());
        } catch (IOException e) {
            return null;
        }
    }
}
