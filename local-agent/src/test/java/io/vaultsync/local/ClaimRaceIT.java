package io.vaultsync.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.JavaProcess;
import io.vaultsync.fixtures.RemoteTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim race between the two CLI jars as separate processes, each claiming every task in its own
 * order: exit 0 for exactly the tasks the remote gives it, exit 4 naming the winner for the rest.
 */
class ClaimRaceIT {
    private static final int TASKS = Integer.getInteger("vaultsync.jarRace.tasks", 12);

    @TempDir
    Path root;

    @Test
    void twoJarsRaceForTheSameTasks() throws Exception {
        Path cloudJar = JavaProcess.jar("vaultsync.cloudJar");
        Path localJar = JavaProcess.jar("vaultsync.localJar");
        Path remote = CGit.initBare(root.resolve("remote.git"));
        Path cloud = root.resolve("cloud");
        Path local = root.resolve("local");
        ok(JavaProcess.run(cloudJar, "init", "--vault", cloud.toString(), "--remote", remote.toString()));
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            String t = "task " + i + ".md"; // a space in every name, as people write them
            tasks.add(t);
            Path f = cloud.resolve("Needs_Action").resolve(t);
            Files.writeString(f, "# " + t + "\n");
        }
        ok(JavaProcess.run(cloudJar, "sync", "--vault", cloud.toString()));
        ok(JavaProcess.run(localJar, "init", "--vault", local.toString(), "--remote", remote.toString()));

        long seed = System.nanoTime();
        List<String> cloudOrder = new ArrayList<>(tasks);
        List<String> localOrder = new ArrayList<>(tasks);
        Collections.shuffle(cloudOrder, new Random(seed));
        Collections.shuffle(localOrder, new Random(seed + 1));
        CompletableFuture<Map<String, JavaProcess.Result>> c = CompletableFuture.supplyAsync(() -> claimAll(cloudJar, cloud, cloudOrder));
        CompletableFuture<Map<String, JavaProcess.Result>> l = CompletableFuture.supplyAsync(() -> claimAll(localJar, local, localOrder));
        Map<String, Map<String, JavaProcess.Result>> results = Map.of("cloud_agent", c.get(), "local_agent", l.get());

        Map<String, String> tree = RemoteTree.files(remote, "main");
        for (String t : tasks) {
            assertThat(tree).doesNotContainKey("Needs_Action/" + t);
            boolean cloudHas = tree.containsKey("In_Progress/cloud_agent/" + t);
            boolean localHas = tree.containsKey("In_Progress/local_agent/" + t);
            assertThat(cloudHas ^ localHas).as("%s in exactly one In_Progress (seed %d)", t, seed).isTrue();
            String winner = cloudHas ? "cloud_agent" : "local_agent";
            String loser = cloudHas ? "local_agent" : "cloud_agent";
            assertThat(results.get(winner).get(t).exitCode()).as("%s %s: %s", winner, t, results.get(winner).get(t)).isZero();
            JavaProcess.Result lost = results.get(loser).get(t);
            assertThat(lost.exitCode()).as("%s %s: %s", loser, t, lost).isEqualTo(4);
            assertThat(lost.stdout()).contains("claimed by " + winner);
            Path loserClone = loser.equals("cloud_agent") ? cloud : local;
            assertThat(loserClone.resolve("In_Progress").resolve(loser).resolve(t)).doesNotExist();
            assertThat(loserClone.resolve("Needs_Action").resolve(t)).doesNotExist();
        }
        CGit.assertFsckStrict(remote);
    }

    private static Map<String, JavaProcess.Result> claimAll(Path jar, Path vault, List<String> order) {
        Map<String, JavaProcess.Result> out = new HashMap<>();
        for (String t : order) out.put(t, JavaProcess.run(jar, "claim", t, "--vault", vault.toString()));
        return out;
    }

    private static void ok(JavaProcess.Result r) {
        assertThat(r.exitCode()).as(r.all()).isZero();
    }
}
