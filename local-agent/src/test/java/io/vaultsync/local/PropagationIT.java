package io.vaultsync.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.Await;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.JavaProcess;
import io.vaultsync.fixtures.RemoteTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Propagation, cloud write to a file on the local disk, with both daemons running as a user runs them: the
 * DEFAULT debounce and a 1 s fetch interval, on a generated vault of a few thousand files. A write on a quiet
 * tree is committed at once (leading-edge debounce) and the other side polls fast for a few seconds after
 * commits moved, so p50 stays under 1 s and p99 under 2 s (issue 16's targets). On a machine so loaded that one
 * cycle on each side alone takes most of that, it asserts what the schedule adds to the two cycles instead.
 */
class PropagationIT {
    static final int FILES = 3000;
    static final int WRITES = 20;
    /** What noticing a write and polling for it may add to the two cycles (their own time is the machine's). */
    static final long SHARE_P50 = 500;
    static final long SHARE_P99 = 1200;

    @TempDir
    Path root;

    @Test
    void aCloudWriteReachesTheLocalDiskWithinASecondAtTheMedianWithTheDefaultDebounce() throws Exception {
        Path cloudJar = JavaProcess.jar("vaultsync.cloudJar");
        Path localJar = JavaProcess.jar("vaultsync.localJar");
        Path remote = CGit.initBare(root.resolve("remote.git"));
        Path cloud = root.resolve("cloud");
        Path local = root.resolve("local");
        ok(cloudJar, "init", "--vault", cloud.toString(), "--remote", remote.toString(), "--machine", "vm");
        for (int i = 0; i < FILES; i++) {
            write(cloud, "Plans/p" + i / 100 + "/f" + i + ".md", "---\ntype: plan\n---\nPlan " + i + ": nothing secret here.\n");
        }
        ok(cloudJar, "sync", "--vault", cloud.toString());
        ok(localJar, "init", "--vault", local.toString(), "--remote", remote.toString(), "--machine", "desktop");

        List<Process> daemons = new ArrayList<>();
        try {
            daemons.add(daemon(cloudJar, cloud, root.resolve("cloud.log")));
            daemons.add(daemon(localJar, local, root.resolve("local.log")));
            settled(cloud, local, remote, null);
            List<Long> took = new ArrayList<>();
            for (int k = 1; k <= WRITES; k++) {
                String path = "Plans/ping-" + k + ".md";
                long t0 = System.nanoTime();
                write(cloud, path, "ping " + k + "\n");
                Await.until("ping " + k + " on the local disk", Duration.ofSeconds(30), () -> Files.exists(local.resolve(path)));
                took.add((System.nanoTime() - t0) / 1_000_000);
                // the next write once the exchange it set off (the local side's own commit, say) is over
                settled(cloud, local, remote, RemoteTree.head(local, "main"));
            }
            List<Long> sorted = took.stream().sorted().toList();
            long p50 = sorted.get((WRITES - 1) * 50 / 100);
            long p99 = sorted.get((WRITES - 1) * 99 / 100);
            long cycles = cycleMedian(root.resolve("cloud.log")) + cycleMedian(root.resolve("local.log"));
            System.out.println("PropagationIT: " + FILES + " files, default debounce, 1 s interval: p50 " + p50 + " ms, p99 " + p99
                    + " ms, each " + took + "; a cycle on each side took " + cycles + " ms together (p50; the rest is noticing"
                    + " and polling)");
            // the targets; on a machine too loaded for them (two cycles alone take most of a second) what the schedule
            // adds to the two cycles: the old one (a fifth of the debounce, then up to a whole interval) added ~750 ms
            assertThat(p50).as("p50 of %s (cycles %d ms)", took, cycles).isLessThanOrEqualTo(Math.max(1000, cycles + SHARE_P50));
            assertThat(p99).as("p99 of %s (cycles %d ms)", took, cycles).isLessThanOrEqualTo(Math.max(2000, cycles + SHARE_P99));
        } finally {
            for (Process p : daemons) p.destroy();
            for (Process p : daemons) assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static Process daemon(Path jar, Path vault, Path log) throws Exception {
        Process p = new ProcessBuilder(JavaProcess.command(jar, "run", "-v", "--vault", vault.toString(), "--interval", "1s"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Await.until("the first cycle of " + vault.getFileName(), Duration.ofSeconds(60),
                () -> Files.exists(log) && read(log).contains("SyncCycle - cycle "));
        return p;
    }

    /**
     * Waits until both clones hold the remote's head, and the remote moved on from {@code from} (the other side's
     * answer to a write: the local agent commits its dashboard) or a few seconds passed without it.
     */
    private static void settled(Path cloud, Path local, Path remote, String from) {
        long start = System.nanoTime();
        Await.until("both clones at the remote's head", Duration.ofSeconds(30), () -> {
            String head = RemoteTree.head(remote, "main");
            boolean answered = from == null || !from.equals(head) || System.nanoTime() - start > 3_000_000_000L;
            return answered && Objects.equals(head, RemoteTree.head(cloud, "main")) && Objects.equals(head, RemoteTree.head(local, "main"));
        });
    }

    /** The median of the cycles' own times in a daemon's log: what the machine, not the schedule, costs. */
    private static long cycleMedian(Path log) {
        List<Long> ms = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("SyncCycle - cycle .* in (\\d+) ms").matcher(read(log));
        while (m.find()) ms.add(Long.parseLong(m.group(1)));
        return ms.isEmpty() ? -1 : ms.stream().sorted().toList().get(ms.size() / 2);
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (Exception e) {
            return "";
        }
    }

    private static void ok(Path jar, String... args) {
        JavaProcess.Result r = JavaProcess.run(jar, args);
        assertThat(r.exitCode()).as("%s %s: %s", jar.getFileName(), String.join(" ", args), r.all()).isZero();
    }

    private static void write(Path vault, String path, String content) throws Exception {
        Path f = vault.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
    }
}
