package io.vaultsync.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.Await;
import io.vaultsync.fixtures.JavaProcess;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.vaults.Vaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event-driven {@code run} (a real process): idle, it runs no full cycle however short the interval
 * (it only asks the remote for its head); a local write is pushed and a remote change pulled promptly.
 */
class EventLoopIT {
    @TempDir
    Path root;

    static int cycles(Path log) throws Exception {
        String s = Files.readString(log);
        int n = 0;
        for (int i = s.indexOf("SyncCycle - cycle "); i >= 0; i = s.indexOf("SyncCycle - cycle ", i + 1)) n++;
        return n;
    }

    @Test
    void idleItOnlyPeeksAndAChangeOnEitherSideTravelsPromptly() throws Exception {
        Path jar = JavaProcess.jar("vaultsync.cloudJar");
        Vaults v = Vaults.create(root);
        Path log = root.resolve("run.out");
        Process p = new ProcessBuilder(JavaProcess.command(jar, "run", "-v", "--vault", v.cloud().toString(), "--interval", "200ms",
                "--debounce", "300ms")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Await.until("the first cycle", Duration.ofSeconds(60), () -> uncheckedCycles(log) >= 1);
            int settled = settle(log);
            Thread.sleep(3000); // 15 fetch intervals, idle: a test of absence, so it has to wait
            assertThat(cycles(log)).as("full cycles while idle").isEqualTo(settled);

            Vaults.write(v.cloud(), "Plans/new.md", "new\n");
            long t0 = System.nanoTime();
            Await.until("the local write on the remote", Duration.ofSeconds(30),
                    () -> RemoteTree.files(v.remote(), "main").containsKey("Plans/new.md"));
            System.out.println("EventLoopIT: local write -> remote in " + (System.nanoTime() - t0) / 1_000_000 + " ms");

            Vaults.write(v.local(), "Done/from-local.md", "done\n");
            v.syncLocal();
            long t1 = System.nanoTime();
            Await.until("the remote change in the cloud clone", Duration.ofSeconds(30),
                    () -> Files.exists(v.cloud().resolve("Done/from-local.md")));
            System.out.println("EventLoopIT: remote change -> cloud disk in " + (System.nanoTime() - t1) / 1_000_000 + " ms");
        } finally {
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void workCommittedWhileTheRemoteWasAwayIsPushedOnceItIsBackWithoutAnyNewFileEvent() throws Exception {
        Path jar = JavaProcess.jar("vaultsync.cloudJar");
        Vaults v = Vaults.create(root);
        Path log = root.resolve("run.out");
        Path away = root.resolve("away.git");
        Process p = new ProcessBuilder(JavaProcess.command(jar, "run", "-v", "--vault", v.cloud().toString(), "--interval", "200ms",
                "--debounce", "200ms")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Await.until("the first cycle", Duration.ofSeconds(60), () -> uncheckedCycles(log) >= 1);
            Files.move(v.remote(), away);
            int before = cycles(log);
            Vaults.write(v.cloud(), "Plans/offline.md", "written while the remote was away\n");
            Await.until("a cycle that finds the remote away", Duration.ofSeconds(30), () -> uncheckedCycles(log) > before);
            Files.move(away, v.remote());
            Await.until("the offline work on the remote", Duration.ofSeconds(30),
                    () -> RemoteTree.files(v.remote(), "main").containsKey("Plans/offline.md"));
        } finally {
            if (!Files.exists(v.remote()) && Files.exists(away)) Files.move(away, v.remote());
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Waits until no new full cycle has started for a second (the first cycles' own writes settle). */
    static int settle(Path log) throws Exception {
        int last = cycles(log);
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < 1_000_000_000L) {
            Thread.sleep(100);
            int now = cycles(log);
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
        return last;
    }

    static int uncheckedCycles(Path log) {
        try {
            return cycles(log);
        } catch (Exception e) {
            return 0;
        }
    }
}
