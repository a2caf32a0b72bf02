package io.vaultsync.sync;

import io.vaultsync.config.JsonLines;
import io.vaultsync.config.SettingsStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The record of what happened to this agent's claims: claimed, confirmed, undone, released, handed over,
 * taken over or returned after a lease expired. One JSON object per line in
 * {@code .git/vaultsync/claims.jsonl}, appended and fsynced; never synced.
 */
public final class ClaimLog {
    private ClaimLog() {}

    /** One line, as Jackson writes it: {@code {"time", "op", "task", "agent", "detail"}}. */
    public record Entry(Instant time, String op, String task, String agent, String detail) {
        public Entry {
            Objects.requireNonNull(time, "time");
        }
    }

    public static Path file(Path gitDir) {
        return SettingsStore.stateDir(gitDir).resolve("claims.jsonl");
    }

    public static void append(Path gitDir, Entry e) {
        JsonLines.append(file(gitDir), e);
    }

    /** Every entry, oldest first; a line cut short by a crash is skipped. */
    public static List<Entry> read(Path gitDir) throws IOException {
        return JsonLines.read(file(gitDir), Entry.class); // a record without a readable time is not one of ours
    }
}
