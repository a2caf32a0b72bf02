package io.vaultsync.sync;

import io.vaultsync.config.JsonLines;
import io.vaultsync.config.SettingsStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of what happened to this agent's claims: claimed, confirmed, undone, released, handed over,
 * taken over or returned after a lease expired. One JSON object per line in
 * {@code .git/vaultsync/claims.jsonl}, appended and fsynced; never synced.
 */
public final class ClaimLog {
    private ClaimLog() {}

    public record Entry(Instant time, String op, String task, String agent, String detail) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", time.toString());
            m.put("op", op);
            m.put("task", task);
            m.put("agent", agent);
            m.put("detail", detail);
            return m;
        }
    }

    public static Path file(Path gitDir) {
        return SettingsStore.stateDir(gitDir).resolve("claims.jsonl");
    }

    public static void append(Path gitDir, Entry e) {
        JsonLines.append(file(gitDir), e.toMap());
    }

    /** Every entry, oldest first; a line cut short by a crash is skipped. */
    public static List<Entry> read(Path gitDir) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (Map<String, Object> m : JsonLines.read(file(gitDir))) {
            try {
                out.add(new Entry(Instant.parse((String) m.get("time")), (String) m.get("op"), (String) m.get("task"),
                        (String) m.get("agent"), (String) m.get("detail")));
            } catch (RuntimeException unreadable) {
                // a record without a readable time is not one of ours
            }
        }
        return out;
    }
}
