package io.vaultsync.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.VaultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clone of a repository on this disk takes its object files (hard links) and leaves what JGit's clone of
 * one branch leaves: the same refs, objects and config, a repository C git's strict fsck accepts. A remote
 * missing an object of its branch is refused; one this clone does not cover is left to JGit.
 */
class LocalCloneTest {
    @TempDir
    Path root;

    /** A bare remote with a pack (after a gc) and loose objects (a later push), pushed by C git. */
    private Path remote() {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        Path human = root.resolve("human");
        CGit.run(root, "clone", "-q", remote.toString(), human.toString());
        for (int i = 0; i < 50; i++) VaultFiles.write(human, "Plans/p" + (i % 5) + "/f" + i + ".md", "plan " + i + "\n");
        CGit.run(human, "add", "-A");
        CGit.run(human, "commit", "-qm", "plans");
        CGit.run(human, "push", "-q", "origin", "main");
        CGit.run(remote, "gc", "-q");
        VaultFiles.write(human, "Plans/late.md", "pushed after the gc\n");
        CGit.run(human, "add", "-A");
        CGit.run(human, "commit", "-qm", "late");
        CGit.run(human, "push", "-q", "origin", "main");
        return remote;
    }

    @Test
    void aPathCloneHasTheRefsObjectsAndConfigOfJGitsCloneAndPassesStrictFsck() throws Exception {
        Path remote = remote();
        Path linked = root.resolve("linked");
        Path sent = root.resolve("sent");

        assertThat(LocalClone.gitDirOf(remote.toString())).contains(remote);
        assertThat(LocalClone.cloneInto(linked, remote, remote.toString(), "main")).isTrue();
        Git.cloneRepository().setURI(remote.toString()).setDirectory(sent.toFile()).setNoCheckout(true)
                .setBranch(Constants.R_HEADS + "main").setBranchesToClone(List.of(Constants.R_HEADS + "main"))
                .setCloneAllBranches(false).call().close();

        for (String[] cmd : List.of(new String[] {"for-each-ref"}, new String[] {"symbolic-ref", "HEAD"},
                new String[] {"rev-list", "--objects", "--all"}, new String[] {"config", "--local", "--list"})) {
            assertThat(CGit.run(linked, cmd)).as(String.join(" ", cmd)).isEqualTo(CGit.run(sent, cmd));
        }
        CGit.assertFsckStrict(linked);
        try (Stream<Path> packs = Files.list(linked.resolve(".git/objects/pack"))) {
            Path pack = packs.filter(p -> p.toString().endsWith(".pack")).findFirst().orElseThrow();
            assertThat((Integer) Files.getAttribute(pack, "unix:nlink")).as("hard-linked").isGreaterThan(1);
        }
        assertThat(CGit.run(linked, "count-objects", "-v")).contains("count: ").doesNotContain("count: 0\n");
    }

    @Test
    void aRemoteMissingAnObjectOfItsBranchIsRefusedBeforeAnyRefIsWritten() throws Exception {
        Path remote = remote();
        String blob = CGit.run(remote, "rev-parse", "main:Plans/late.md").trim();
        Files.delete(remote.resolve("objects").resolve(blob.substring(0, 2)).resolve(blob.substring(2)));
        Path clone = root.resolve("clone");

        assertThatThrownBy(() -> LocalClone.cloneInto(clone, remote, remote.toString(), "main"))
                .isInstanceOf(IOException.class).hasMessageContaining("is missing objects of its branch main")
                .hasMessageContaining(blob);
        assertThat(clone.resolve(".git/refs/heads/main")).doesNotExist();
    }

    @Test
    void onlyAPathToARepositoryThisCloneCoversIsTaken() throws Exception {
        Path remote = remote();
        Path human = root.resolve("human");
        assertThat(LocalClone.gitDirOf(human.toString())).contains(human.resolve(".git"));
        assertThat(LocalClone.gitDirOf("file://" + remote)).isEmpty();
        assertThat(LocalClone.gitDirOf("git@example.invalid:vault.git")).isEmpty();
        assertThat(LocalClone.gitDirOf("https://example.invalid/vault.git")).isEmpty();
        assertThat(LocalClone.gitDirOf("remote.git")).isEmpty();
        assertThat(LocalClone.gitDirOf(root.resolve("nothing").toString())).isEmpty();
        Files.createDirectories(root.resolve("plain"));
        assertThat(LocalClone.gitDirOf(root.resolve("plain").toString())).isEmpty();

        Path borrowing = root.resolve("borrowing.git");
        CGit.run(root, "clone", "-q", "--bare", "--shared", remote.toString(), borrowing.toString());
        assertThat(LocalClone.gitDirOf(borrowing.toString())).as("alternates").isEmpty();

        CGit.run(remote, "config", "extensions.worktreeConfig", "true");
        CGit.run(remote, "config", "core.repositoryformatversion", "1");
        Path clone = root.resolve("clone");
        assertThat(LocalClone.cloneInto(clone, remote, remote.toString(), "main")).as("extensions").isFalse();
        assertThat(clone).doesNotExist();
    }
}
