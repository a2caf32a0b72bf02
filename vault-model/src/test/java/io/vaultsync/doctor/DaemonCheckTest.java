package io.vaultsync.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.doctor.Check.Level;
import io.vaultsync.sync.AgentLock;
import io.vaultsync.sync.SyncState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a daemon runs on the vault and how its last cycle went: the decision from a table, the lock probe for real. */
class DaemonCheckTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final SyncState SYNCED = SyncState.NEVER.succeeded(NOW.minusSeconds(40), "abc", "synced");
    static final SyncState FAILING = SYNCED.failed(NOW.minusSeconds(5), "offline",
            new io.vaultsync.transport.TransportFailure(io.vaultsync.transport.TransportFailure.Kind.UNREACHABLE,
                    "remote git.example.org unreachable: connect timed out", "local work is kept"));

    record Row(boolean running, SyncState state, Level level, String... inDetail) {}

    @Test
    void decisionTable() {
        Row[] rows = {
            new Row(false, SyncState.NEVER, Level.WARN, "no daemon running", "never synced"),
            new Row(false, SYNCED, Level.WARN, "no daemon running", "last sync 2026-03-01T09:59:20Z (40s ago)"),
            new Row(true, SyncState.NEVER, Level.OK, "running (pid 4242)", "never synced"),
            new Row(true, SYNCED, Level.OK, "running (pid 4242)", "last sync 2026-03-01T09:59:20Z (40s ago)"),
            new Row(true, FAILING, Level.WARN, "running (pid 4242)", "last sync 2026-03-01T09:59:20Z (40s ago)",
                    "the remote has failed since 2026-03-01T09:59:55Z (5s ago, 1 attempt in a row)", "connect timed out"),
            new Row(true, SYNCED, Level.OK, "last sync 2026-03-01T09:59:20Z (40s ago): synced"),
            new Row(true, SYNCED.failed(NOW, "contended"), Level.WARN, "ended contended, 1 failed in a row"),
        };
        for (Row r : rows) {
            Check c = DaemonCheck.decide(new DaemonCheck.Probe(r.running(), r.running() ? "4242" : null), r.state(), NOW);
            assertThat(c.name()).isEqualTo("daemon");
            assertThat(c.level()).as(c.toString()).isEqualTo(r.level());
            assertThat(c.detail()).as(c.toString()).contains(r.inDetail());
            if (c.level() != Level.OK) assertThat(c.fix()).isNotBlank();
        }
    }

    @Test
    void noLockFileMeansNoDaemon(@TempDir Path gitDir) throws IOException {
        assertThat(DaemonCheck.probe(gitDir)).isEqualTo(new DaemonCheck.Probe(false, null));
        Files.createDirectories(AgentLock.daemonFile(gitDir).getParent());
        Files.writeString(AgentLock.daemonFile(gitDir), "999999\n"); // left by a daemon that died: not held
        assertThat(DaemonCheck.probe(gitDir)).isEqualTo(new DaemonCheck.Probe(false, null));
    }

    @Test
    void aLockHeldByAnotherProcessIsARunningDaemonWithItsPid(@TempDir Path dir) throws Exception {
        Path gitDir = dir.resolve("git");
        Path lock = AgentLock.daemonFile(gitDir);
        Files.createDirectories(lock.getParent());
        Path holder = dir.resolve("Holder.java");
        Files.writeString(holder, """
                import java.nio.ByteBuffer;
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import static java.nio.file.StandardOpenOption.*;
                public class Holder {
                    public static void main(String[] a) throws Exception {
                        FileChannel ch = FileChannel.open(Path.of(a[0]), CREATE, READ, WRITE);
                        ch.lock();
                        ch.truncate(0);
                        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\\n").getBytes()), 0);
                        System.out.println("locked");
                        System.out.flush();
                        System.in.read();
                    }
                }
                """);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                holder.toString(), lock.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertThat(r.readLine()).isEqualTo("locked");

            assertThat(DaemonCheck.probe(gitDir)).isEqualTo(new DaemonCheck.Probe(true, Long.toString(p.pid())));
        } finally {
            p.getOutputStream().close();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(DaemonCheck.probe(gitDir).running()).isFalse();
    }
}
