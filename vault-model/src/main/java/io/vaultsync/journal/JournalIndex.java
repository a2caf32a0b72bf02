package io.vaultsync.journal;

import static io.vaultsync.config.Mappers.JSON;

import io.vaultsync.config.AtomicFiles;
import io.vaultsync.config.JsonLines;
import io.vaultsync.config.SettingsStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fold of the rotated journal files, kept on disk beside them ({@code .git/vaultsync/journal-index.json}), so a
 * starting agent folds only the live file and not months of history. Written when a file was rotated; used only if
 * it names exactly the rotated files there are (anything else: the files are folded again and it is rewritten).
 * {@code verify} never trusts it: it reads the files themselves.
 *
 * @param files the rotated files it folds, by name, in order
 */
record JournalIndex(List<String> files, long count, String lastHash, Map<String, String> pending, List<String> landed,
        String checkpoint, List<String> tombstones, List<String> forged) {
    JournalIndex {
        files = List.copyOf(files);
        pending = Collections.unmodifiableMap(new LinkedHashMap<>(pending)); // in journal order
        landed = List.copyOf(landed);
        tombstones = List.copyOf(tombstones);
        forged = forged == null ? List.of() : List.copyOf(forged); // an index written before forgeries were recorded
    }

    static Path file(Path gitDir) {
        return SettingsStore.stateDir(gitDir).resolve("journal-index.json");
    }

    /** The index of {@code rotated}, or empty when there is none for exactly those files (or it cannot be read). */
    static Optional<JournalFold> read(Path gitDir, List<Path> rotated) {
        Path f = file(gitDir);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            JournalIndex i = JsonLines.bind(JSON.readTree(f.toFile()), JournalIndex.class);
            return i.files().equals(names(rotated)) ? Optional.of(JournalFold.of(i)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes the fold of {@code rotated}; a failure only costs the next start a longer read. */
    static void write(Path gitDir, List<Path> rotated, JournalFold fold) {
        try {
            AtomicFiles.write(file(gitDir), JSON.writeValueAsBytes(fold.index(names(rotated))));
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(JournalIndex.class).warn("cannot write the journal index {}: {}", file(gitDir),
                    e.getMessage());
        }
    }

    static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }
}
