package io.vaultsync.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes: exit codes, environment, the kept tail, the time limit. */
class CommandRunnerTest {
    @TempDir
    Path dir;

    @Test
    void exitCodeEnvironmentAndOutputAreReported() throws Exception {
        CommandRunner.Result r = CommandRunner.run(List.of("sh", "-c", "echo \"key=$K\"; echo oops >&2; exit 3"),
                Map.of("K", "abc"), dir.resolve("out/1.log"), Duration.ofSeconds(30));
        assertThat(r.ok()).isFalse();
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.summary()).isEqualTo("exit 3");
        assertThat(r.tail()).isEqualTo("key=abc\noops");
    }

    @Test
    void onlyTheTailOfALongOutputIsKeptFromALineBoundary() throws Exception {
        CommandRunner.Result r = CommandRunner.run(List.of("sh", "-c", "seq 1 5000"), Map.of(), dir.resolve("2.log"),
                Duration.ofSeconds(30));
        assertThat(r.ok()).isTrue();
        assertThat(r.tail().length()).isLessThanOrEqualTo(CommandRunner.TAIL_BYTES);
        assertThat(r.tail()).endsWith("\n5000").doesNotStartWith("\n");
        assertThat(r.tail().lines().findFirst().orElseThrow()).matches("\\d+");
    }

    @Test
    void aCommandOverItsTimeLimitIsStoppedWithItsChildren() throws Exception {
        Path child = dir.resolve("child.pid");
        CommandRunner.Result r = CommandRunner.run(List.of("sh", "-c", "sleep 60 & echo $! > '" + child + "'; wait"),
                Map.of(), dir.resolve("3.log"), Duration.ofMillis(500));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.ok()).isFalse();
        assertThat(r.summary()).startsWith("timed out after");
        long pid = Long.parseLong(Files.readString(child).trim());
        // the kill is sent before run returns; the kernel may take a moment to deliver it (seen on a loaded CI)
        Await.until("the sleeping child to be gone", Duration.ofSeconds(5), () -> !running(pid));
    }

    /** Alive and not a zombie (a killed child whose parent died first may wait for a reaper as a zombie). */
    static boolean running(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return s.charAt(s.lastIndexOf(')') + 2) != 'Z';
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aMissingCommandIsReportedNotThrown() throws Exception {
        CommandRunner.Result r = CommandRunner.run(List.of(dir.resolve("nope").toString()), Map.of(), dir.resolve("4.log"),
                Duration.ofSeconds(5));
        assertThat(r.started()).isFalse();
        assertThat(r.summary()).startsWith("could not start: ");
    }
}
