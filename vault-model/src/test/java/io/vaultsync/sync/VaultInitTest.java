package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.PolicyLoader;
import io.vaultsync.policy.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultInitTest {
    @TempDir
    Path root;

    @Test
    void initOnAnEmptyRemoteSeedsLayoutGitignoreAndPolicy() throws Exception {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        VaultInit.Result r = new VaultInit(Clock.systemUTC()).init(root.resolve("v"), remote.toString(), "vm1", Role.CLOUD,
                "vm", "main");

        assertThat(r.mode()).isEqualTo(VaultInit.Mode.SEEDED);
        Map<String, String> files = RemoteTree.files(remote, "main");
        assertThat(files.get(".gitignore")).isEqualTo(new String(io.vaultsync.gate.SecretGate.template()));
        Policy policy = PolicyLoader.parse(files.get(Policy.PATH), Policy.PATH);
        assertThat(policy.agent("vm1")).get().extracting(a -> a.role()).isEqualTo(Role.CLOUD);
        assertThat(policy.agent("local_agent")).isPresent();
        assertThat(files).containsKeys("Needs_Action/.gitkeep", "In_Progress/vm1/.gitkeep", "Approved/.gitkeep",
                "Pending_Approval/conflicts/local_agent/.gitkeep", "Dashboard.md");
        assertThat(files.keySet()).noneMatch(p -> p.startsWith(".git/") || p.contains("agent.yaml"));
        CGit.assertFsckStrict(remote);
    }

    @Test
    void cloneTurnsOnFsyncOfObjectsAndRefsWithoutSavingDeprecatedKeys() {
        TestVaults v = TestVaults.create(root);
        try (VaultRepo repo = VaultRepo.open(v.local(), "main")) {
            assertThat(repo.repository().getConfig().getBoolean("core", "fsyncObjectFiles", false)).isTrue();
            assertThat(repo.repository().getConfig().getBoolean("core", "fsyncRefFiles", false)).isTrue();
        }
        assertThat(CGit.tryRun(v.local(), "status").stderr()).doesNotContain("deprecated");
    }

    @RepeatedTest(5)
    void twoAgentsSeedingTheSameEmptyRemoteAtOnceEndWithOneVault() throws Exception {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<VaultInit.Result>> results = new ArrayList<>();
            for (String side : List.of("cloud", "local")) {
                Role role = side.equals("cloud") ? Role.CLOUD : Role.LOCAL;
                results.add(pool.submit(() -> {
                    start.await();
                    return new VaultInit(Clock.systemUTC()).init(root.resolve(side), remote.toString(), side + "_agent",
                            role, side, "main");
                }));
            }
            for (Future<VaultInit.Result> f : results) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        String head = RemoteTree.head(remote, "main");
        for (String side : List.of("cloud", "local")) {
            assertThat(CGit.run(root.resolve(side), "rev-parse", "HEAD").trim()).isEqualTo(head);
            assertThat(CGit.run(root.resolve(side), "status", "--porcelain")).isEmpty();
        }
        assertThat(Files.readString(root.resolve("cloud/.vaultsync/policy.yaml")))
                .isEqualTo(Files.readString(root.resolve("local/.vaultsync/policy.yaml")));
    }
}
