package io.vaultsync.sync;

import static io.vaultsync.sync.TestVaults.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.AgentBusyException;
import io.vaultsync.transport.RemoteException;
import io.vaultsync.policy.PolicyLoader;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.transport.TransportFailure;
import io.vaultsync.VaultStateException;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.policy.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {
    @TempDir
    Path root;

    @Test
    void malformedPolicyCommittedByHandIsNeverInForceAndTheAgentsGoOn() throws Exception {
        TestVaults v = TestVaults.create(root);
        v.syncLocal();
        String good = TestVaults.read(v.local(), ".vaultsync/policy.yaml");
        write(v.local(), ".vaultsync/policy.yaml", "version: 1\nbranch: main\nagents:\n  - name: local_agent\n    role: local\n    zonez: [Done/]\n");
        CGit.run(v.local(), "commit", "-qam", "broken policy");
        write(v.local(), "Done/x.md", "x\n");

        SyncReport r = v.syncLocal();

        // the person's commit travels (it is theirs), but an unreadable policy is never the one in force
        assertThat(r.outcome().completed()).as("%s", r.outcome()).isTrue();
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey("Done/x.md");
        assertThat(v.syncCloud().outcome().completed()).isTrue();
        for (Path clone : List.of(v.local(), v.cloud())) {
            try (VaultRepo repo = VaultRepo.open(clone, "main")) {
                assertThat(VaultPolicy.committed(repo)).isEqualTo(PolicyLoader.parse(good, ".vaultsync/policy.yaml"));
            }
        }
    }

    @Test
    void theLocalAgentNeverCommitsAPolicyItCannotReadAndSaysWhy() throws Exception {
        TestVaults v = TestVaults.create(root);
        String good = TestVaults.read(v.local(), ".vaultsync/policy.yaml");
        write(v.local(), ".vaultsync/policy.yaml", good.replace("agents:", "agentz:"));
        write(v.local(), "Done/y.md", "y\n");

        SyncReport r = v.syncLocal();

        assertThat(r.blocked()).contains(new BlockedPath(".vaultsync/policy.yaml", Candidates.UNREADABLE_POLICY));
        assertThat(RemoteTree.files(v.remote(), "main")).containsEntry(".vaultsync/policy.yaml", good).containsKey("Done/y.md");
        assertThat(v.syncCloud().outcome().completed()).isTrue();
    }

    @Test
    void initWithUnreachableRemoteFailsAndCreatesNothing() {
        Path vault = root.resolve("vault");
        assertThatThrownBy(() -> new VaultInit(Clock.systemUTC()).init(vault, root.resolve("no-such-remote.git").toString(),
                "cloud_agent", Role.CLOUD, "vm", "main"))
                .isInstanceOfSatisfying(RemoteException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(TransportFailure.Kind.NOT_FOUND))
                .hasMessageContaining("no-such-remote.git");
        assertThat(vault).doesNotExist();
    }

    @Test
    void syncWithUnreachableRemoteIsOfflineKeepsWorkAndPushesItLater() throws Exception {
        TestVaults v = TestVaults.create(root);
        Path moved = root.resolve("moved.git");
        Files.move(v.remote(), moved);
        write(v.cloud(), "Plans/offline.md", "written offline\n");

        SyncReport r = v.syncCloud();

        assertThat(r.outcome()).isInstanceOf(SyncOutcome.Offline.class);
        assertThat(((SyncOutcome.Offline) r.outcome()).reason()).contains("no repository at");
        assertThat(TestVaults.read(v.cloud(), "Plans/offline.md")).isEqualTo("written offline\n");
        Files.move(moved, v.remote());
        assertThat(v.syncCloud().outcome()).isInstanceOf(SyncOutcome.Synced.class);
        assertThat(RemoteTree.files(v.remote(), "main")).containsEntry("Plans/offline.md", "written offline\n");
    }

    @Test
    void directoryThatIsNotACloneIsRefused() throws Exception {
        TestVaults v = TestVaults.create(root);
        Path plain = Files.createDirectories(root.resolve("plain"));
        Files.writeString(plain.resolve("note.md"), "mine\n");
        assertThatThrownBy(() -> TestVaults.sync(v.cloudAgent(), plain)).isInstanceOf(VaultStateException.class)
                .hasMessageContaining("not a vault clone");
        assertThatThrownBy(() -> new VaultInit(Clock.systemUTC()).init(plain, v.remote().toString(), "cloud_agent",
                Role.CLOUD, "vm", "main")).isInstanceOf(VaultStateException.class)
                .hasMessageContaining("only the local agent adopts a folder");
        assertThatThrownBy(() -> new VaultInit(Clock.systemUTC()).init(plain, v.remote().toString(), "local_agent",
                Role.LOCAL, "desktop", "main")).isInstanceOf(VaultStateException.class)
                .hasMessageContaining("already has branches");
        assertThat(Files.readString(plain.resolve("note.md"))).isEqualTo("mine\n");
        assertThat(plain.resolve(".git")).doesNotExist();
    }

    @Test
    void detachedHeadIsRefusedWithTheFix() {
        TestVaults v = TestVaults.create(root);
        CGit.run(v.cloud(), "checkout", "-q", "--detach");
        write(v.cloud(), "Plans/p.md", "p\n");
        assertThatThrownBy(v::syncCloud).isInstanceOf(VaultStateException.class)
                .hasMessageContaining("detached").hasMessageContaining("checkout main");
        assertThat(RemoteTree.files(v.remote(), "main")).doesNotContainKey("Plans/p.md");
    }

    @Test
    @SuppressWarnings("try")
    void secondAgentOnTheSameVaultIsRefused() throws Exception {
        TestVaults v = TestVaults.create(root);
        Path gitDir = v.cloud().resolve(".git");
        try (AgentLock first = AgentLock.daemon(gitDir)) {
            assertThatThrownBy(() -> AgentLock.daemon(gitDir)).isInstanceOf(AgentBusyException.class)
                    .hasMessageContaining("another agent is running on this vault")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
            AgentLock.acquire(gitDir).close(); // a running daemon does not hold the vault between cycles
        }
        try (AgentLock first = AgentLock.acquire(gitDir)) {
            assertThatThrownBy(() -> AgentLock.acquire(gitDir)).isInstanceOf(AgentBusyException.class)
                    .hasMessageContaining("another agent process is working on this vault")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
        }
        AgentLock.daemon(gitDir).close();
        AgentLock.acquire(gitDir).close();
    }

    @Test
    void aCommandWaitsForTheCycleInFlightThenTakesItsTurn() throws Exception {
        TestVaults v = TestVaults.create(root);
        Path gitDir = v.cloud().resolve(".git");
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread cycle = new Thread(() -> {
            try (AgentLock l = AgentLock.acquire(gitDir)) {
                held.countDown();
                release.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        cycle.start();
        held.await();
        var waiter = java.util.concurrent.CompletableFuture.supplyAsync(() -> AgentLock.acquire(gitDir, java.time.Duration.ofSeconds(30)));
        assertThatThrownBy(() -> waiter.get(300, java.util.concurrent.TimeUnit.MILLISECONDS))
                .as("blocked while the cycle holds the vault").isInstanceOf(java.util.concurrent.TimeoutException.class);
        release.countDown();
        waiter.get(30, java.util.concurrent.TimeUnit.SECONDS).close();
        cycle.join();
        assertThatThrownBy(() -> {
            try (AgentLock l = AgentLock.acquire(gitDir)) {
                AgentLock.acquire(gitDir, java.time.Duration.ofMillis(200));
            }
        }).isInstanceOf(AgentBusyException.class).hasMessageContaining("waited 200ms");
    }

    @Test
    void initOnAnExistingCloneOfTheSameRemoteAdoptsIt() {
        TestVaults v = TestVaults.create(root);
        var r = new VaultInit(Clock.systemUTC()).init(v.cloud(), v.remote().toString(), "cloud_agent", Role.CLOUD, "vm2", "main");
        assertThat(r.mode()).isEqualTo(VaultInit.Mode.ADOPTED);
        assertThat(TestVaults.settings(v.cloud()).machine()).isEqualTo("vm2");
        assertThatThrownBy(() -> new VaultInit(Clock.systemUTC()).init(v.cloud(), root.resolve("other.git").toString(),
                "cloud_agent", Role.CLOUD, "vm", "main")).isInstanceOf(VaultStateException.class)
                .hasMessageContaining("is a clone of");
    }

    @Test
    void agentSettingsLiveOutsideTheSyncedTree() {
        TestVaults v = TestVaults.create(root);
        assertThat(v.cloud().resolve(".git/vaultsync/agent.yaml")).exists();
        v.syncCloud();
        assertThat(RemoteTree.everVersion(v.remote(), "main")).noneMatch(e -> e[0].contains("agent.yaml"));
    }
}
