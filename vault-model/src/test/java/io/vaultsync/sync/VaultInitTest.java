package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.VaultStateException;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.PolicyLoader;
import io.vaultsync.policy.Role;
import java.nio.file.Files;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
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

    @Test
    void initOfAPathTakesTheRemotesObjectFilesAndGivesACleanCheckout() throws Exception {
        TestVaults v = TestVaults.create(root);
        v.pushAsHuman("Plans/human.md", "from a person\n");
        CGit.run(v.remote(), "gc", "-q");

        VaultInit.Result r = new VaultInit(Clock.systemUTC()).init(root.resolve("second"), v.remote().toString(),
                "cloud_agent", Role.CLOUD, "vm2", "main");

        assertThat(r.mode()).isEqualTo(VaultInit.Mode.CLONED);
        Path second = root.resolve("second");
        try (var packs = Files.list(second.resolve(".git/objects/pack"))) {
            Path pack = packs.filter(p -> p.toString().endsWith(".pack")).findFirst().orElseThrow();
            assertThat((Integer) Files.getAttribute(pack, "unix:nlink")).as("hard-linked from the remote").isGreaterThan(1);
        }
        assertThat(CGit.run(second, "status", "--porcelain")).isEmpty();
        assertThat(Files.readString(second.resolve("Plans/human.md"))).isEqualTo("from a person\n");
        assertThat(CGit.run(second, "rev-parse", "HEAD")).isEqualTo(CGit.run(v.remote(), "rev-parse", "main"));
        CGit.assertFsckStrict(second);
    }

    @Test
    void initOfAPathMissingAnObjectIsRefusedAndLeavesNoDirectory() {
        TestVaults v = TestVaults.create(root);
        String blob = CGit.run(v.remote(), "rev-parse", "main:Dashboard.md").trim();
        Path loose = v.remote().resolve("objects").resolve(blob.substring(0, 2)).resolve(blob.substring(2));
        assertThat(loose).as("the seed's objects are loose in the remote").exists();
        try {
            Files.delete(loose);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        assertThatThrownBy(() -> new VaultInit(Clock.systemUTC()).init(root.resolve("second"), v.remote().toString(),
                "cloud_agent", Role.CLOUD, "vm2", "main")).isInstanceOf(VaultStateException.class)
                .hasMessageContaining("missing objects").hasMessageContaining(blob);
        assertThat(root.resolve("second")).doesNotExist();
    }

    @Test
    void initOfAPathWhoseTreeWritesIntoDotGitIsRefusedAndLeavesNoDirectory() throws Exception {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        try (Repository bare = new FileRepositoryBuilder().setGitDir(remote.toFile()).build();
                ObjectInserter ins = bare.newObjectInserter()) {
            TreeFormatter hook = new TreeFormatter();
            hook.append("config", FileMode.REGULAR_FILE, ins.insert(Constants.OBJ_BLOB, "[core]\n".getBytes()));
            TreeFormatter top = new TreeFormatter();
            top.append(".git", FileMode.TREE, ins.insert(hook));
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(ins.insert(top));
            cb.setAuthor(new PersonIdent("x", "x@example.invalid"));
            cb.setCommitter(new PersonIdent("x", "x@example.invalid"));
            cb.setMessage("hostile");
            ObjectId commit = ins.insert(cb);
            ins.flush();
            RefUpdate u = bare.updateRef("refs/heads/main");
            u.setNewObjectId(commit);
            u.update();
        }

        assertThatThrownBy(() -> new VaultInit(Clock.systemUTC()).init(root.resolve("v"), remote.toString(),
                "cloud_agent", Role.CLOUD, "vm", "main")).isInstanceOf(VaultStateException.class)
                .hasMessageContaining("no checkout may write");
        assertThat(root.resolve("v")).doesNotExist();
    }
}
