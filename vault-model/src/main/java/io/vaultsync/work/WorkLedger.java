package io.vaultsync.work;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.vaultsync.config.JsonLines;
import io.vaultsync.config.SettingsStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a role's commands did (the local executors, the cloud handlers), one fsynced JSON line per event in
 * a file under {@code .git/vaultsync/} (never synced). {@code started} is written before a command runs and
 * {@code succeeded} before its result is committed: after a crash the ledger says whether to run it again
 * (with the same key) or only to finish. {@link WorkPlan} reads it.
 */
public final class WorkLedger {
    public static final String EXECUTIONS = "executions.jsonl";
    public static final String HANDLERS = "handlers.jsonl";

    /** What happened to one piece of work. */
    public enum Event {
        STARTED, SUCCEEDED, FAILED, CARDED, RETRY, SKIPPED, DONE;

        /** As written in the ledger: {@code started}, {@code succeeded}, ... */
        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static Event of(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    /** One line: the work's key, the file it concerns, the event, when, and a detail (the outcome, the failure, the card id). */
    public record Entry(String key, String item, Event event, Instant time, String detail) {
        public Entry {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(time, "time");
        }
    }

    private final Path file;

    /** The ledger {@code name} (e.g. {@link #EXECUTIONS}) of the clone whose git directory is given. */
    public WorkLedger(Path gitDir, String name) {
        this.file = SettingsStore.stateDir(gitDir).resolve(name);
    }

    public Path file() {
        return file;
    }

    public void append(Entry e) {
        JsonLines.append(file, e);
    }

    /** Every entry, grouped by key, oldest first within each. */
    public Map<String, List<Entry>> byKey() throws IOException {
        Map<String, List<Entry>> out = new HashMap<>();
        for (Entry e : read()) out.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
        return out;
    }

    public List<Entry> read() throws IOException {
        return JsonLines.read(file, Entry.class);
    }
}
