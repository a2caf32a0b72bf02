package io.vaultsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.sync.BlockedPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code daemon.json} on disk: written whole, read back, and whatever else is found there reads as "not running". */
class DaemonFileTest {
    static final Instant T = Instant.parse("2026-12-03T12:00:00Z");
    static final long ME = ProcessHandle.current().pid();

    @TempDir
    Path gitDir;

    static DaemonRecord mine() {
        return new DaemonRecord(ME, T, Duration.ofSeconds(30), true, T, "Offline", "remote unreachable", "127.0.0.1:9410",
                new DaemonRecord.Scan(T, "abc", 10, 20, 0, List.of(new BlockedPath("Plans/.env", "path:.env*")), List.of()),
                T.plusSeconds(3));
    }

    void file(String text) throws Exception {
        Files.createDirectories(DaemonFile.of(gitDir).getParent());
        Files.writeString(DaemonFile.of(gitDir), text);
    }

    @Test
    void aRecordWrittenByALiveJavaProcessReadsBackAsRunning() throws Exception {
        DaemonFile.write(gitDir, mine());
        assertThat(DaemonFile.read(gitDir)).isEqualTo(new DaemonFile.Running(mine()));
        assertThat(Files.list(DaemonFile.of(gitDir).getParent())).as("no temp file left").hasSize(1);
    }

    @Test
    void noFileIsNotRunning() {
        assertThat(DaemonFile.read(gitDir)).isEqualTo(new DaemonFile.NotRunning("not running"));
    }

    @Test
    void aFileWhoseProcessIsGoneIsNotRunning() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        DaemonFile.write(gitDir, new DaemonRecord(p.pid(), T, Duration.ofSeconds(30), true, null, null, null, null, null, null));
        assertThat(DaemonFile.read(gitDir)).isEqualTo(new DaemonFile.NotRunning(
                "not running (pid " + p.pid() + " is gone; the last one did not stop cleanly)"));
    }

    @Test
    void aReusedPidThatIsNoJavaProcessIsNotRunning() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            DaemonFile.write(gitDir, new DaemonRecord(sleeper.pid(), T, Duration.ofSeconds(30), true, null, null, null, null,
                    null, null));
            assertThat(DaemonFile.read(gitDir)).isEqualTo(new DaemonFile.NotRunning(
                    "not running (pid " + sleeper.pid() + " is now sleep, not an agent)"));
        } finally {
            sleeper.destroy();
        }
    }

    @Test
    void theDecisionTable() {
        DaemonRecord r = mine();
        String java = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java";
        assertThat(DaemonFile.judge(r, true, java, true)).isInstanceOf(DaemonFile.Running.class);
        assertThat(DaemonFile.judge(r, true, java, null)).as("the lock could not be tried").isInstanceOf(DaemonFile.Running.class);
        assertThat(DaemonFile.judge(r, true, null, true)).as("another user's process: its command is hidden")
                .isInstanceOf(DaemonFile.Running.class);
        assertThat(DaemonFile.judge(r, true, java, false)).as("a reused pid, another Java program")
                .isInstanceOf(DaemonFile.NotRunning.class);
        assertThat(DaemonFile.judge(r, true, "/usr/bin/python3", true)).isInstanceOf(DaemonFile.NotRunning.class);
        assertThat(DaemonFile.judge(r, false, null, null)).isInstanceOf(DaemonFile.NotRunning.class);
    }

    @Test
    void aPidReusedByAnotherJavaProgramIsNotRunning() throws Exception {
        Path sleep = Files.writeString(gitDir.resolve("Sleep.java"),
                "class Sleep { public static void main(String[] a) throws Exception { System.in.read(); } }");
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                sleep.toString()).start();
        try {
            DaemonFile.write(gitDir, new DaemonRecord(other.pid(), T, Duration.ofSeconds(30), true, null, null, null, null,
                    null, null));
            assertThat(DaemonFile.read(gitDir)).isEqualTo(new DaemonFile.NotRunning(
                    "not running (no agent holds the daemon lock; pid " + other.pid() + " is another program)"));
        } finally {
            other.destroyForcibly();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "not json at all", "[1,2,3]", "null", "{\"pid\": \"many\"}", "{\"pid\": -1, \"started\": \"2026-12-03T12:00:00Z\", \"interval\": \"30s\"}",
        "{\"pid\": 42}", "{\"pid\": 42, \"started\": \"yesterday\", \"interval\": \"30s\"}",
        "{\"pid\": 42, \"started\": \"2026-12-03T12:00:00Z\", \"interval\": \"forever\"}",
        "{\"pid\": 42, \"started\": \"2026-12-03T12:00:00Z\", \"interval\": \"30s\", \"scan\": {\"at\": null}}",
        "\u0000\u0001\u0002 binary"})
    void aBrokenOrHostileFileIsNotRunningWithTheReasonAndNeverAnException(String text) throws Exception {
        file(text);
        DaemonFile.Seen seen = DaemonFile.read(gitDir);
        assertThat(seen).isInstanceOf(DaemonFile.NotRunning.class);
        assertThat(((DaemonFile.NotRunning) seen).reason()).startsWith("not running").doesNotContain("\n");
    }

    @Test
    void unknownKeysFromANewerAgentAreIgnored() throws Exception {
        file("{\"pid\": " + ME + ", \"started\": \"2026-12-03T12:00:00Z\", \"interval\": \"30s\", \"future\": {\"x\": 1}}");
        assertThat(DaemonFile.read(gitDir)).isInstanceOf(DaemonFile.Running.class);
    }

    @Test
    void aHugeFileIsNotReadAtAll() throws Exception {
        Files.createDirectories(DaemonFile.of(gitDir).getParent());
        try (var ch = java.nio.channels.FileChannel.open(DaemonFile.of(gitDir), java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap("{".getBytes(StandardCharsets.US_ASCII)), DaemonFile.MAX_BYTES + 1);
        }
        assertThat(DaemonFile.read(gitDir)).isEqualTo(new DaemonFile.NotRunning("not running (daemon.json is too large to be ours)"));
    }

    @Test
    void aDirectoryOrASymlinkInItsPlaceIsNotRunning() throws Exception {
        Files.createDirectories(DaemonFile.of(gitDir));
        assertThat(DaemonFile.read(gitDir)).isEqualTo(new DaemonFile.NotRunning("not running (daemon.json is not a regular file)"));
        Files.delete(DaemonFile.of(gitDir));
        Path elsewhere = gitDir.resolve("elsewhere.json");
        DaemonFile.write(gitDir.resolve("other"), mine());
        Files.move(DaemonFile.of(gitDir.resolve("other")), elsewhere);
        Files.createSymbolicLink(DaemonFile.of(gitDir), elsewhere);
        assertThat(DaemonFile.read(gitDir)).isInstanceOf(DaemonFile.NotRunning.class);
    }

    @Test
    void removeLeavesAnotherDaemonsFileAlone() throws Exception {
        DaemonFile.write(gitDir, new DaemonRecord(ME + 1_000_000, T, Duration.ofSeconds(30), true, null, null, null, null, null, null));
        DaemonFile.remove(gitDir, ME);
        assertThat(DaemonFile.of(gitDir)).exists();
        DaemonFile.write(gitDir, mine());
        DaemonFile.remove(gitDir, ME);
        assertThat(DaemonFile.of(gitDir)).doesNotExist();
    }
}
