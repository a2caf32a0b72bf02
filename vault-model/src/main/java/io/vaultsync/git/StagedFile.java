package io.vaultsync.git;

import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * One path to commit: its bytes exactly as the secret gate saw them (null for a deletion) and the file's
 * size and modification time when they were read, so the index entry matches the file on disk.
 */
public record StagedFile(String path, byte[] content, long size, FileTime modified) {
    public StagedFile {
        Objects.requireNonNull(path, "path");
        if (content != null) Objects.requireNonNull(modified, "modified");
    }

    public static StagedFile deletion(String path) {
        return new StagedFile(path, null, 0, null);
    }

    public boolean isDeletion() {
        return content == null;
    }
}
