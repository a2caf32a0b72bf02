package io.vaultsync.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** The {@link DaemonRecord.TreeKey} of a clone now: HEAD's commit and the index file's size and time. */
public final class TreeKeys {
    private TreeKeys() {}

    /** From an open repository (what {@code status} has at hand). */
    public static DaemonRecord.TreeKey of(Path gitDir, ObjectId head) throws IOException {
        long size = -1;
        long millis = -1;
        try {
            BasicFileAttributes a = Files.readAttributes(gitDir.resolve("index"), BasicFileAttributes.class);
            size = a.size();
            millis = a.lastModifiedTime().toMillis();
        } catch (NoSuchFileException e) {
            // no index yet: keyed by HEAD alone
        }
        return new DaemonRecord.TreeKey(head == null ? "" : head.name(), size, millis);
    }

    /** Opening the repository just for HEAD (what the daemon does after a cycle). */
    public static DaemonRecord.TreeKey of(Path gitDir) throws IOException {
        try (Repository r = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build()) {
            return of(gitDir, r.resolve(Constants.HEAD));
        }
    }
}
