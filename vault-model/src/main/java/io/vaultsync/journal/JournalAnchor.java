package io.vaultsync.journal;

import static io.vaultsync.config.Mappers.JSON;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.config.JsonLines;
import io.vaultsync.config.SettingsStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The journal's head, kept outside the journal ({@code .git/vaultsync/journal-head.json}): how many records
 * it had and the last one's hash, written after each record. A journal cut short (its last records removed,
 * or emptied) still has an intact hash chain; the anchor is what shows it. Written and read by Jackson as
 * {@code {"count":N,"hash":"..."}}.
 */
public record JournalAnchor(@JsonProperty(required = true) long count, String hash) {

    static Path file(Path gitDir) {
        return SettingsStore.stateDir(gitDir).resolve("journal-head.json");
    }

    /** The anchor, or empty when there is none yet (a journal from before anchors) or it cannot be read. */
    public static Optional<JournalAnchor> read(Path gitDir) {
        Path f = file(gitDir);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            return Optional.of(JsonLines.bind(JSON.readTree(f.toFile()), JournalAnchor.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void write(Path gitDir) throws IOException {
        AtomicFiles.write(file(gitDir), JSON.writeValueAsBytes(this));
    }

    /**
     * What is wrong with {@code records} against this anchor, or empty: fewer records than anchored (cut from
     * the end), or another record where the anchored one was (rewritten). More records than anchored is fine
     * (a crash between a record and its anchor).
     */
    public Optional<String> check(List<JournalRecord> records) {
        if (records.size() < count) {
            return Optional.of("the journal has " + records.size() + " records but had " + count
                    + ": records were removed from its end");
        }
        if (count > 0 && !records.get((int) count - 1).hash().equals(hash)) {
            return Optional.of("record " + count + " is not the one the journal's head names: the journal was rewritten");
        }
        return Optional.empty();
    }
}
