package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint file, {@code .git/vaultsync/state.json}: its bytes, and how leniently a damaged one reads. */
class SyncStateFileTest {
    static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path gitDir;

    @Test
    void writesTheFieldsInOrderAndTheTransportErrorOnlyWhileThereIsOne() throws Exception {
        SyncState failing = new SyncState(T, "abc", T.plusSeconds(30), "offline", 2,
                new SyncState.TransportError("UNREACHABLE", null, T));
        failing.write(gitDir);
        assertThat(Files.readString(SyncState.file(gitDir))).isEqualTo("""
                {
                  "lastSync" : "2026-01-02T03:04:05Z",
                  "lastRemoteHead" : "abc",
                  "lastAttempt" : "2026-01-02T03:04:35Z",
                  "lastOutcome" : "offline",
                  "consecutiveFailures" : 2,
                  "transportError" : {
                    "kind" : "UNREACHABLE",
                    "message" : null,
                    "since" : "2026-01-02T03:04:05Z"
                  }
                }""");
        assertThat(SyncState.read(gitDir)).isEqualTo(new SyncState(T, "abc", T.plusSeconds(30), "offline", 2,
                new SyncState.TransportError("UNREACHABLE", "null", T)));

        SyncState.NEVER.write(gitDir);
        assertThat(Files.readString(SyncState.file(gitDir))).isEqualTo("""
                {
                  "lastSync" : null,
                  "lastRemoteHead" : null,
                  "lastAttempt" : null,
                  "lastOutcome" : "never",
                  "consecutiveFailures" : 0
                }""");
        assertThat(SyncState.read(gitDir)).isEqualTo(SyncState.NEVER);
    }

    @Test
    void aDamagedFileReadsAsMuchAsItCanOrAsNever() throws Exception {
        Files.createDirectories(SyncState.file(gitDir).getParent());
        Files.writeString(SyncState.file(gitDir), """
                {"lastSync":"2026-01-02T03:04:05Z","consecutiveFailures":"two","extra":1,
                 "transportError":{"kind":"AUTH","message":"no"}}""");
        assertThat(SyncState.read(gitDir)).isEqualTo(new SyncState(T, null, null, "null", 0, null));
        Files.writeString(SyncState.file(gitDir), "{\"lastSync\":\"yesterday\"}");
        assertThat(SyncState.read(gitDir)).isEqualTo(SyncState.NEVER);
        Files.writeString(SyncState.file(gitDir), "{\"lastSync\":");
        assertThat(SyncState.read(gitDir)).isEqualTo(SyncState.NEVER);
    }
}
