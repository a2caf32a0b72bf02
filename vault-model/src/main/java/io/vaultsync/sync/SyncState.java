package io.vaultsync.sync;

import static io.vaultsync.config.Mappers.JSON;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vaultsync.VaultStateException;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.config.JsonLines;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.transport.TransportFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The checkpoint an agent keeps between cycles (outside the work tree): when it last completed a cycle,
 * the remote head it integrated, how the last attempt ended and how many failed in a row.
 */
public record SyncState(Instant lastSync, String lastRemoteHead, Instant lastAttempt, String lastOutcome,
        int consecutiveFailures, @JsonInclude(JsonInclude.Include.NON_NULL) TransportError transportError) {

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

    /** Builds the state's reader ahead of the first {@link #read} (a command's start-up thread does). */
    public static void warm() {
        JSON.readerFor(Stored.class);
    }

    public static SyncState read(Path gitDir) {
        Path f = file(gitDir);
        if (!Files.isRegularFile(f)) return NEVER;
        try {
            return JsonLines.bind(JSON.readTree(f.toFile()), Stored.class).state();
        } catch (IOException | RuntimeException e) {
            // a torn or foreign file is not fatal: the state is rebuilt by the next cycle
            return NEVER;
        }
    }

    /**
     * The file as Jackson reads it, leniently: a count that is no number reads as 0, an error without its
     * kind or its start as none (the next cycle writes the file again).
     */
    record Stored(Instant lastSync, String lastRemoteHead, Instant lastAttempt, String lastOutcome,
            Object consecutiveFailures, TransportError transportError) {
        SyncState state() {
            TransportError e = transportError == null || transportError.kind() == null || transportError.since() == null
                    ? null : new TransportError(transportError.kind(), String.valueOf(transportError.message()),
                            transportError.since());
            return new SyncState(lastSync, lastRemoteHead, lastAttempt, String.valueOf(lastOutcome),
                    consecutiveFailures instanceof Number n ? n.intValue() : 0, e);
        }
    }

    /** Written by Jackson, indented: the fields in order, the transport error only while there is one. */
    public void write(Path gitDir) {
        try {
            AtomicFiles.write(file(gitDir), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        } catch (IOException e) {
            throw new VaultStateException("cannot write checkpoint " + file(gitDir) + ": " + e.getMessage(), e);
        }
    }
}
