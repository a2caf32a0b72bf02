package io.vaultsync.claim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.RemoteTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Four agents, each in its own clone, claim the same tasks at once in different orders: the remote
 * decides every race, each agent's results agree with the remote, and losers keep no copy.
 * Size: -Dvaultsync.race.tasks and -Dvaultsync.race.rounds (the build: 100 tasks, 1 round; the soak profile: 300, 6).
 */
class ClaimRaceTest {
    private static final List<String> AGENTS = List.of("a1", "a2", "a3", "a4");
    private static final int TASKS = Integer.getInteger("vaultsync.race.tasks", 200);

    static IntStream rounds() {
        return IntStream.rangeClosed(1, Integer.getInteger("vaultsync.race.rounds", 2));
    }

    @TempDir
    Path root;

    @ParameterizedTest(name = "round {0}")
    @MethodSource("rounds")
    void everyTaskEndsInExactlyOneInProgressFolder(int round) throws Exception {
        List<String> tasks = ClaimVaults.tasks(TASKS);
        ClaimVaults v = ClaimVaults.create(root.resolve("round-" + round), AGENTS, tasks);
        Map<String, Map<String, ClaimResult>> results = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(AGENTS.size());
        List<Future<?>> runs = new ArrayList<>();
        long seed = System.nanoTime();
        for (int i = 0; i < AGENTS.size(); i++) {
            String agent = AGENTS.get(i);
            List<String> order = new ArrayList<>(tasks);
            Collections.shuffle(order, new Random(seed + i)); // a different order per agent
            runs.add(pool.submit(() -> {
                ClaimService service = v.service(agent, Clock.systemUTC());
                Map<String, ClaimResult> mine = new HashMap<>();
                start.await();
                for (String t : order) mine.put(t, service.claim(v.clones().get(agent), t));
                results.put(agent, mine);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : runs) f.get(10, TimeUnit.MINUTES);
        pool.shutdown();

        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        Map<String, String> owner = new HashMap<>();
        for (String path : remote.keySet()) {
            assertThat(path).as("seed " + seed).doesNotStartWith("Needs_Action/task-");
            if (path.startsWith("In_Progress/") && path.contains("/task-")) {
                String[] parts = path.split("/");
                assertThat(owner.put(parts[2], parts[1])).as("%s claimed twice (seed %d)", parts[2], seed).isNull();
            }
        }
        assertThat(owner.keySet()).as("every task claimed once, none lost").containsExactlyInAnyOrderElementsOf(tasks);
        for (String agent : AGENTS) {
            Path clone = v.clones().get(agent);
            for (String t : tasks) {
                ClaimResult r = results.get(agent).get(t);
                if (owner.get(t).equals(agent)) {
                    assertThat(r).as("%s %s", agent, t).isInstanceOf(ClaimResult.Done.class);
                    assertThat(clone.resolve("In_Progress/" + agent + "/" + t)).exists();
                } else {
                    // lost: told who won, and no copy left behind in this clone
                    assertThat(r).as("%s %s", agent, t).isInstanceOfSatisfying(ClaimResult.HeldBy.class,
                            h -> assertThat(h.agent()).isEqualTo(owner.get(t)));
                    assertThat(clone.resolve("In_Progress/" + agent + "/" + t)).doesNotExist();
                    assertThat(clone.resolve("Needs_Action/" + t)).doesNotExist();
                }
            }
            assertThat(remote.keySet()).as("no conflict cards from a clean race")
                    .noneMatch(p -> p.startsWith("Pending_Approval/conflicts/") && !p.endsWith("/.gitkeep"));
        }
        CGit.assertFsckStrict(v.remote());
    }
}
