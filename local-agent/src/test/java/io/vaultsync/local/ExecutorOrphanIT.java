package io.vaultsync.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.config.Actions;
import io.vaultsync.config.ActionsStore;
import io.vaultsync.fixtures.Await;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.fixtures.JavaProcess;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.vaults.Vaults;
import io.vaultsync.work.RunningCalls;
import io.vaultsync.work.WorkLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executor call outlives a {@code kill -9} of the local agent ({@code run}, a real process): it runs in a
 * process group of its own. The agent started again must not call the same key while that call runs (it
 * says so and goes on with the other items); once the call has ended it calls again with the same key, as
 * before, and the item reaches {@code Done/} once.
 */
class ExecutorOrphanIT {
    @TempDir
    Path root;
    Path events;
    Path release;

    /** Whatever failed, no executor of this test waits for ever. */
    @AfterEach
    void release() throws IOException {
        if (release != null && !Files.exists(release)) Files.createFile(release);
    }

    @Test
    void theAgentStartedAgainDoesNotCallAKeyWhoseCallFromBeforeTheKillStillRuns() throws Exception {
        Path jar = JavaProcess.jar("vaultsync.localJar");
        Vaults v = Vaults.create(root);
        events = root.resolve("events");
        release = root.resolve("release");
        Path sent = Files.createDirectories(root.resolve("sent"));
        // honours the key (acts once per key); an item named SLOW_* waits for the release file first
        Path executor = root.resolve("executor.sh");
        Files.writeString(executor, "#!/bin/sh\nitem=$1 key=$2\necho \"start $key $$ $(basename \"$item\")\" >> '" + events + "'\n"
                + "case $item in *SLOW_*) while [ ! -e '" + release + "' ]; do sleep 0.05; done ;; esac\n"
                + "if mkdir '" + sent + "'/\"$key\" 2>/dev/null; then echo \"end $key\" >> '" + events + "'; echo \"sent $key\";"
                + " else echo \"already sent $key\"; fi\n");
        Files.setPosixFilePermissions(executor, PosixFilePermissions.fromString("rwxr-xr-x"));
        ActionsStore.write(v.local().resolve(".git"), Actions.NONE.withExecutor("email", List.of(executor.toString())));
        for (String name : List.of("SLOW_a.md", "b.md")) {
            Vaults.write(v.cloud(), "Pending_Approval/email/" + name, "---\ntype: email\nto: x@example.com\n---\nHello.\n");
        }
        v.syncCloud();
        v.syncLocal();
        for (String name : List.of("SLOW_a.md", "b.md")) {
            CliRun r = LocalCli.run("approve", "Pending_Approval/email/" + name, "--vault", v.local().toString());
            assertThat(r.code()).as(r.err()).isZero();
        }
        Path running = v.local().resolve(".git/vaultsync/running/executions");

        Process first = daemon(jar, v, root.resolve("run-1.out"));
        String key;
        long pid;
        try {
            // b runs beside it (two workers) and may finish meanwhile: SLOW_a's own start and record count
            Await.until("SLOW_a's executor to run, recorded as running", Duration.ofSeconds(60),
                    () -> slowStart() != null && Files.exists(new RunningCalls(WorkLedger.EXECUTIONS)
                            .file(v.local().resolve(".git"), slowStart()[1])));
            String[] start = slowStart();
            key = start[1];
            pid = Long.parseLong(start[2]);
        } finally {
            first.destroyForcibly(); // SIGKILL
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(running(pid)).as("the executor outlives the agent's kill -9").isTrue();

        Path out2 = root.resolve("run-2.out");
        Process second = daemon(jar, v, out2);
        try {
            String stillRunning = "Approved/SLOW_a.md: still running from before the restart, pid " + pid;
            Await.until("b to reach Done/ and the agent to say SLOW_a still runs (or SLOW_a to start again)",
                    Duration.ofSeconds(120), () -> (RemoteTree.files(v.remote(), "main").containsKey("Done/b.md")
                            && read(out2).contains(stillRunning)) || starts(key) > 1);
            assertThat(starts(key)).as("SLOW_a is not called again while its first call runs").isEqualTo(1);
            assertThat(running(pid)).isTrue();

            Files.createFile(release);
            Await.until("SLOW_a to reach Done/", Duration.ofSeconds(120),
                    () -> RemoteTree.files(v.remote(), "main").containsKey("Done/SLOW_a.md"));
        } finally {
            release();
            second.destroy(); // SIGTERM: a clean stop, once the executor under way has finished
            if (!second.waitFor(60, TimeUnit.SECONDS)) second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(second.exitValue()).as("a clean stop").isZero();
        assertThat(Files.readString(out2)).contains("Approved/SLOW_a.md: the call from before the restart (pid " + pid
                + ") has ended; it runs again with the same key");

        List<String> ofKey = lines().stream().filter(l -> l.split(" ")[1].equals(key)).map(l -> l.split(" ")[0]).toList();
        assertThat(ofKey).as("one completion, and the second call only after it").containsExactly("start", "end", "start");
        List<WorkLedger.Entry> ledger = new WorkLedger(v.local().resolve(".git"), WorkLedger.EXECUTIONS).read().stream()
                .filter(e -> e.key().equals(key)).toList();
        assertThat(ledger).extracting(WorkLedger.Entry::event).containsExactly(WorkLedger.Event.STARTED,
                WorkLedger.Event.STARTED, WorkLedger.Event.SUCCEEDED, WorkLedger.Event.DONE);
        assertThat(RemoteTree.files(v.remote(), "main").keySet()).filteredOn(k -> k.startsWith("Done/"))
                .containsExactlyInAnyOrder("Done/.gitkeep", "Done/SLOW_a.md", "Done/b.md");
        assertThat(json(running)).as("no record of a call left").isEmpty();
        CGit.assertFsckStrict(v.remote());
    }

    static Process daemon(Path jar, Vaults v, Path out) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(JavaProcess.command(jar, "run", "--vault", v.local().toString(), "--interval", "200ms"))
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("LC_ALL", "C.UTF-8"); // no UTF-8 relaunch: the kill reaches the agent itself
        return pb.start();
    }

    List<String> lines() {
        try {
            return Files.readAllLines(events);
        } catch (NoSuchFileException none) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The start line of SLOW_a's executor ({@code start KEY PID SLOW_a.md}, split), or null before it ran. */
    String[] slowStart() {
        return lines().stream().map(l -> l.split(" ")).filter(l -> l[0].equals("start") && l[3].equals("SLOW_a.md"))
                .findFirst().orElse(null);
    }

    static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long starts(String key) {
        return lines().stream().filter(l -> l.startsWith("start " + key + " ")).count();
    }

    static List<Path> json(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.toString().endsWith(".json")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Alive and not a zombie (its parent, the agent, is gone: a reaper may take a moment). */
    static boolean running(long pid) throws IOException {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return s.charAt(s.lastIndexOf(')') + 2) != 'Z';
        } catch (NoSuchFileException gone) {
            return false;
        }
    }
}
