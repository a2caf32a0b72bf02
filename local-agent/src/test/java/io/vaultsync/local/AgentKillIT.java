package io.vaultsync.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.JavaProcess;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.vaults.Vaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 of a running agent ({@code run}, a real process) at random moments while files keep arriving,
 * again and again: after a restart and a final sync every file is on the remote once, C git fsck is
 * clean, no lock file is left, and {@code verify} (journal chain, mapping, repository) passes.
 */
class AgentKillIT {
    @TempDir
    Path root;

    @Test
    void everyFileLandsOnceThoughTheAgentIsKilledAtRandomMoments() throws Exception {
        int kills = Integer.getInteger("vaultsync.agent.kills", 30);
        long seed = Long.getLong("vaultsync.agent.seed", System.nanoTime());
        System.out.println("AgentKillIT: " + kills + " kills, seed " + seed + " (rerun with -Dvaultsync.agent.seed=" + seed + ")");
        Random random = new Random(seed);
        Path jar = JavaProcess.jar("vaultsync.cloudJar");
        Vaults v = Vaults.create(root);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                int n = written.get();
                Vaults.write(v.cloud(), "Plans/f-" + n + ".md", "file " + n + "\n");
                written.incrementAndGet();
                try {
                    Thread.sleep(40);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "writer");
        writer.start();
        try {
            for (int i = 0; i < kills; i++) {
                Process p = new ProcessBuilder(JavaProcess.command(jar, "run", "--vault", v.cloud().toString(), "--interval", "100ms"))
                        .redirectErrorStream(true).redirectOutput(root.resolve("run-" + i + ".out").toFile()).start();
                Thread.sleep(300 + random.nextInt(2200));
                p.destroyForcibly(); // SIGKILL, at a random moment: starting up, scanning, committing, pushing, idle
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            writing.set(false);
            writer.join();
        }
        JavaProcess.Result last = JavaProcess.run(jar, "sync", "--vault", v.cloud().toString());
        assertThat(last.exitCode()).as(last.all()).isZero();
        System.out.println("AgentKillIT: " + written.get() + " files written during " + kills + " kills");

        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        for (int n = 0; n < written.get(); n++) {
            assertThat(remote.get("Plans/f-" + n + ".md")).as("Plans/f-%d.md", n).isEqualTo("file " + n + "\n");
        }
        assertThat(remote.keySet()).filteredOn(k -> k.startsWith("Plans/")).as("nothing duplicated")
                .hasSize(written.get() + 1); // and Plans/.gitkeep
        assertThat(remote.keySet()).noneMatch(k -> k.startsWith("Pending_Approval/conflicts/") && !k.endsWith("/.gitkeep"));
        CGit.assertFsckStrict(v.remote());
        CGit.assertFsckStrict(v.cloud());
        Path git = v.cloud().resolve(".git");
        try (Stream<Path> s = Files.walk(git)) {
            assertThat(s.filter(f -> f.getFileName().toString().endsWith(".lock")).filter(f -> !f.startsWith(git.resolve("vaultsync"))))
                    .as("lock files left").isEmpty();
        }
        JavaProcess.Result verify = JavaProcess.run(jar, "verify", "--vault", v.cloud().toString());
        assertThat(verify.exitCode()).as(verify.all()).isZero();
        assertThat(verify.stdout()).contains("hash chain intact");
    }
}
