package io.vaultsync.local.exec;

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
 * What the executors did, one fsynced JSON line per event in {@code .git/vaultsync/executions.jsonl}
 * (never synced). {@code started} is written before an executor runs and {@code succeeded} before the item
 * moves to {@code Done/}: after a crash the ledger says whether to run again (with the same key) or only
 * to finish the move.
 */
public final class ExecutionLedger {
    /** What happened to one approved item. */
    public enum Event { STARTED, SUCCEEDED, FAILED, CARDED, RETRY, SKIPPED, DONE }

    /** One line: the item's key, the event, when, and a detail (the outcome, the failure, the card id). */
    public record Entry(String key, String item, Event event, Instant time, String detail) {
        Map<String, String> toMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("key", key);
            m.put("item", item);
            m.put("event", event.name().toLowerCase(java.util.Locale.ROOT));
            m.put("time", time.toString());
            m.put("detail", detail);
            return m;
        }
    }

    private ExecutionLedger() {}

    public static Path file(Path gitDir) {
        return SettingsStore.stateDir(gitDir).resolve("executions.jsonl");
    }

    public static void append(Path gitDir, Entry e) {
        JsonLines.append(file(gitDir), e.toMap());
    }

    public static List<Entry> read(Path gitDir) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (Map<String, Object> m : JsonLines.read(file(gitDir))) {
            try {
                out.add(new Entry((String) m.get("key"), (String) m.get("item"),
                        Event.valueOf(((String) m.get("event")).toUpperCase(java.util.Locale.ROOT)),
                        Instant.parse((String) m.get("time")), (String) m.get("detail")));
            } catch (RuntimeException unreadable) {
                // not a record this version wrote
            }
        }
        return out;
    }
}
