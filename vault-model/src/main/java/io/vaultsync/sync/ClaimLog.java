package io.vaultsync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultsync.VaultStateException;
import io.vaultsync.config.SettingsStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    private static final ObjectMapper JSON = new ObjectMapper();

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
        Path f = file(gitDir);
        try {
            Files.createDirectories(f.getParent());
            byte[] line = (JSON.writeValueAsString(e.toMap()) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ch.write(ByteBuffer.wrap(line));
                ch.force(true);
            }
        } catch (IOException ex) {
            throw new VaultStateException("cannot record to " + f + ": " + ex.getMessage(), ex);
        }
    }

    /** Every entry, oldest first; a line cut short by a crash is skipped. */
    public static List<Entry> read(Path gitDir) throws IOException {
        Path f = file(gitDir);
        List<Entry> out = new ArrayList<>();
        if (!Files.exists(f)) return out;
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            try {
                Map<?, ?> m = JSON.readValue(line, Map.class);
                out.add(new Entry(Instant.parse((String) m.get("time")), (String) m.get("op"), (String) m.get("task"),
                        (String) m.get("agent"), (String) m.get("detail")));
            } catch (IOException | RuntimeException torn) {
                // a torn last line after a crash: the operation it announced is visible in git history
            }
        }
        return out;
    }
}
