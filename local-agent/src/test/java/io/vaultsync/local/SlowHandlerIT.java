package io.vaultsync.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.config.Actions;
import io.vaultsync.config.ActionsStore;
import io.vaultsync.fixtures.Await;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.JavaProcess;
import io.vaultsync.fixtures.vaults.Vaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, must-show 6: both agents {@code run} (real processes) on a bare remote; the cloud's handler takes
 * a minute. While it works, a signal the cloud writes to {@code Updates/} still reaches the local vault within
 * seconds: the handler runs beside the cloud's sync loop, not in it.
 */
class SlowHandlerIT {
    static final Duration HANDLER_SLEEP = Duration.ofSeconds(60);
    /** Well under the handler's minute: the signal must not wait for it. */
    static final Duration SIGNAL_DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path root;
    Path release;

    /** Whatever failed, the handler of this test does not sleep on after it. */
    @AfterEach
    void release() throws IOException {
        if (release != null && !Files.exists(release)) Files.createFile(release);
    }

    @Test
    void aSignalReachesTheLocalVaultWhileAHandlerSleepsForAMinute() throws Exception {
        Path cloudJar = JavaProcess.jar("vaultsync.cloudJar");
        Path localJar = JavaProcess.jar("vaultsync.localJar");
        Vaults v = Vaults.create(root);
        Path started = root.resolve("handler-started");
        release = root.resolve("release");
        Path handler = root.resolve("slow-handler.sh");
        long ticks = HANDLER_SLEEP.toMillis() / 50;
        Files.writeString(handler, "#!/bin/sh\ntouch '" + started + "'\ni=0\n"
                + "while [ ! -e '" + release + "' ] && [ $i -lt " + ticks + " ]; do sleep 0.05; i=$((i+1)); done\n"
                + "printf -- '---\\nsubject: slow reply\\n---\\nA reply, at last.\\n' > \"$2/DRAFT_reply.md\"\n");
        Files.setPosixFilePermissions(handler, PosixFilePermissions.fromString("rwxr-xr-x"));
        ActionsStore.write(v.cloud().resolve(".git"), Actions.NONE.withHandler("email", List.of(handler.toString())));
        Vaults.write(v.cloud(), "Needs_Action/EMAIL_slow.md", "---\ntype: email\nsubject: Slow one\n---\nPlease reply.\n");

        Process cloud = daemon(cloudJar, v.cloud(), root.resolve("cloud.out"));
        Process local = daemon(localJar, v.local(), root.resolve("local.out"));
        try {
            Await.until("the cloud's handler to start", Duration.ofSeconds(90), () -> Files.exists(started));
            Vaults.write(v.cloud(), "Updates/SIGNAL_while_handling.md", "# Still here\n");
            long t0 = System.nanoTime();
            Await.until("the cloud's signal in the local vault while the handler sleeps", SIGNAL_DEADLINE,
                    () -> Files.exists(v.local().resolve("Updates/SIGNAL_while_handling.md")));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.println("SlowHandlerIT: signal cloud disk -> local disk in " + ms + " ms while the handler ran");
            assertThat(Files.exists(release)).as("the handler was still sleeping").isFalse();

            Files.createFile(release);
            Await.until("the handler's draft in the local vault", Duration.ofSeconds(60),
                    () -> Files.exists(v.local().resolve("Pending_Approval/email/DRAFT_reply.md")));
        } finally {
            release(); // the handler ends, so that a failure above is the one reported
            stop(cloud);
            stop(local);
        }
        assertThat(cloud.exitValue()).as(Files.readString(root.resolve("cloud.out"))).isZero();
        assertThat(local.exitValue()).as(Files.readString(root.resolve("local.out"))).isZero();
        assertThat(Files.readString(v.local().resolve("Pending_Approval/email/DRAFT_reply.md"))).contains("A reply, at last.");
        CGit.assertFsckStrict(v.remote());
    }

    /** SIGTERM, then SIGKILL if it has not ended after a minute (the exit status says which). */
    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    static Process daemon(Path jar, Path vault, Path out) throws IOException {
        return new ProcessBuilder(JavaProcess.command(jar, "run", "--vault", vault.toString(), "--interval", "200ms",
                "--debounce", "300ms")).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }
}
