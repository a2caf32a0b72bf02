package io.vaultsync.sync;

import static io.vaultsync.config.Mappers.JSON;

import io.vaultsync.VaultStateException;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.transport.TransportFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checkpoint an agent keeps between cycles (outside the work tree): when it last completed a cycle,
 * the remote head it integrated, how the last attempt ended and how many failed in a row.
 */
public record SyncState(Instant lastSync, String lastRemoteHead, Instant lastAttempt, String lastOutcome,
        int consecutiveFailures, TransportError transportError) {

    public static final SyncState NEVER = new SyncState(null, null, null, "never", 0, null);

    /** The last transport failure, its class and since when it has been failing that way; null once a cycle reached the remote. */
    public record TransportError(String kind, String message, Instant since) {}

    public static Path file(Path gitDir) {
        return SettingsStore.stateDir(gitDir).resolve("state.json");
    }

    public SyncState succeeded(Instant now, String remoteHead, String outcome) {
        return new SyncState(now, remoteHead, now, outcome, 0, null);
    }

    public SyncState failed(Instant now, String outcome) {
        return new SyncState(lastSync, lastRemoteHead, now, outcome, consecutiveFailures + 1, transportError);
    }

    /** A cycle that could not use the remote: the error is kept, with the time it started failing that way. */
    public SyncState failed(Instant now, String outcome, TransportFailure f) {
        Instant since = transportError != null && transportError.kind().equals(f.kind().name()) ? transportError.since() : now;
        return new SyncState(lastSync, lastRemoteHead, now, outcome, consecutiveFailures + 1,
                new TransportError(f.kind().name(), f.describe(), since));
    }

    public static SyncState read(Path gitDir) {
        Path f = file(gitDir);
        if (!Files.isRegularFile(f)) return NEVER;
        try {
            Map<?, ?> m = JSON.readValue(f.toFile(), Map.class);
            return new SyncState(instant(m.get("lastSync")), (String) m.get("lastRemoteHead"),
                    instant(m.get("lastAttempt")), String.valueOf(m.get("lastOutcome")),
                    m.get("consecutiveFailures") instanceof Number n ? n.intValue() : 0, error(m.get("transportError")));
        } catch (IOException | RuntimeException e) {
            // a torn or foreign file is not fatal: the state is rebuilt by the next cycle
            return NEVER;
        }
    }

    public void write(Path gitDir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lastSync", lastSync == null ? null : lastSync.toString());
        m.put("lastRemoteHead", lastRemoteHead);
        m.put("lastAttempt", lastAttempt == null ? null : lastAttempt.toString());
        m.put("lastOutcome", lastOutcome);
        m.put("consecutiveFailures", consecutiveFailures);
        if (transportError != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("kind", transportError.kind());
            e.put("message", transportError.message());
            e.put("since", transportError.since().toString());
            m.put("transportError", e);
        }
        try {
            AtomicFiles.write(file(gitDir), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
        } catch (IOException e) {
            throw new VaultStateException("cannot write checkpoint " + file(gitDir) + ": " + e.getMessage(), e);
        }
    }

    private static TransportError error(Object o) {
        if (!(o instanceof Map<?, ?> e) || e.get("kind") == null || e.get("since") == null) return null;
        return new TransportError(e.get("kind").toString(), String.valueOf(e.get("message")), instant(e.get("since")));
    }

    private static Instant instant(Object o) {
        return o == null ? null : Instant.parse(o.toString());
    }
}
