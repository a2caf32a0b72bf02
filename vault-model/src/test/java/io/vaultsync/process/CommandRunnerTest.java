package io.vaultsync.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

    @Test
    void aTimedOutCommandTakesItsWholeGroupWithItAGrandchildWhoseParentExitedToo() throws Exception {
        Path grandchild = dir.resolve("grandchild.pid");
        // the inner shell starts a sleep and exits: the sleep is then nobody's descendant, only a member of the group
        CommandRunner.Result r = CommandRunner.run(List.of("sh", "-c",
                "sh -c 'sleep 300 & echo $! > \"$0\"' '" + grandchild + "'; exec sleep 300"), Map.of(), dir.resolve("5.log"),
                Duration.ofSeconds(2));
        assertThat(r.timedOut()).isTrue();
        long pid = Long.parseLong(Files.readString(grandchild).trim());
        Await.until("the orphaned grandchild to be gone", Duration.ofSeconds(5), () -> !running(pid));
    }

    @Test
    void aCommandLeadsAProcessGroupAndSessionOfItsOwn() throws Exception {
        // stat: pid (comm) state ppid pgrp session ...; exec keeps the pid, so this is the command's own
        CommandRunner.Result r = CommandRunner.run(List.of("sh", "-c", "exec cat /proc/self/stat"), Map.of(),
                dir.resolve("6.log"), Duration.ofSeconds(30));
        assertThat(r.ok()).as(r.tail()).isTrue();
        String[] f = r.tail().substring(r.tail().lastIndexOf(')') + 2).split(" ");
        long pid = Long.parseLong(r.tail().substring(0, r.tail().indexOf(' ')));
        assertThat(Long.parseLong(f[2])).as("process group").isEqualTo(pid);
        assertThat(Long.parseLong(f[3])).as("session").isEqualTo(pid);
    }

    @Test
    void theStartedChildIsNamedAsItRunsAndItsGroupIsItsOwn() throws Exception {
        Path release = dir.resolve("release");
        List<ProcessIdentity> seen = new ArrayList<>();
        List<Boolean> aliveWhenSeen = new ArrayList<>();
        CommandRunner.Result r = CommandRunner.run(List.of("sh", "-c", "echo $$; while [ ! -e '" + release + "' ]; do sleep 0.05; done"),
                Map.of(), dir.resolve("7.log"), Duration.ofSeconds(30), who -> {
                    seen.add(who);
                    aliveWhenSeen.add(who.alive());
                    try {
                        Files.createFile(release);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        assertThat(r.ok()).as(r.tail()).isTrue();
        assertThat(seen).hasSize(1);
        assertThat(aliveWhenSeen).containsExactly(true);
        assertThat(seen.get(0).pid()).isEqualTo(Long.parseLong(r.tail().strip()));
        assertThat(seen.get(0).ownGroup()).isTrue();
        assertThat(seen.get(0).alive()).as("gone once it ended").isFalse();
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
