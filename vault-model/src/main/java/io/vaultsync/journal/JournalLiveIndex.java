package io.vaultsync.journal;

import static io.vaultsync.config.Mappers.JSON;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.config.JsonLines;
import io.vaultsync.config.SettingsStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The fold of the live journal file up to a byte offset, kept on disk beside it
 * ({@code .git/vaultsync/journal-live-index.json}): a command that starts (a CLI {@code claim} or {@code sync}, a
 * daemon) parses only the records appended since, not up to {@link JournalFiles#ROTATE_AT} of them. Used only if it
 * names exactly the rotated files there are and a checksum of the live file's first {@code offset} bytes is still
 * the one written: a file edited, cut short or rotated since is folded from the start again. {@code verify} never
 * trusts it: it reads the files themselves.
 *
 * @param offset how many bytes of the live file the fold covers (whole lines)
 * @param crc    the CRC-32C of those bytes
 * @param fold   the fold of the rotated files and those bytes; its {@code files} name the rotated files
 */
record JournalLiveIndex(@JsonProperty(required = true) int offset, @JsonProperty(required = true) long crc,
        @JsonProperty(required = true) JournalIndex fold) {
    /** A file bigger than this is not an index this code wrote (its fold is small): it is not read. */
    static final long MAX_BYTES = 8L << 20;

    static Path file(Path gitDir) {
        return SettingsStore.stateDir(gitDir).resolve("journal-live-index.json");
    }

    /** The index for {@code rotated}, or empty when there is none for exactly those files or it cannot be read. */
    static Optional<JournalLiveIndex> read(Path gitDir, List<Path> rotated) {
        Path f = file(gitDir);
        try {
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || Files.size(f) > MAX_BYTES) return Optional.empty();
            JournalLiveIndex i = JsonLines.bind(JSON.readTree(f.toFile()), JournalLiveIndex.class);
            boolean same = i.offset() >= 0 && i.fold() != null && i.fold().files().equals(JournalIndex.names(rotated));
            return same ? Optional.of(i) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes the fold of {@code rotated} and the live file's first {@code offset} bytes; a failure only costs a longer read. */
    static void write(Path gitDir, List<Path> rotated, int offset, long crc, JournalFold fold) {
        try {
            JournalLiveIndex i = new JournalLiveIndex(offset, crc, fold.index(JournalIndex.names(rotated)));
            AtomicFiles.write(file(gitDir), JSON.writeValueAsBytes(i));
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(JournalLiveIndex.class).warn("cannot write the journal index {}: {}", file(gitDir),
                    e.getMessage());
        }
    }
}
