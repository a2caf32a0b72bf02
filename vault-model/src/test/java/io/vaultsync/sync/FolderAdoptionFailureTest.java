package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.VaultException;
import io.vaultsync.VaultStateException;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.policy.Role;
import io.vaultsync.progress.Progress;
import java.nio.file.Files;
import org.apache.commons.io.file.PathUtils;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Adopting a folder that fails leaves every file of the folder as it was, and a second run works. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FolderAdoptionFailureTest {
    @TempDir
    Path root;

    private static VaultInit.Result init(Path dir, Path remote, Role role, Progress progress) {
        return new VaultInit(Clock.systemUTC(), progress).init(dir, remote.toString(),
                role == Role.LOCAL ? "local_agent" : "cloud_agent", role, "desktop", "main");
    }

    private void assertUntouched(Path dir, Map<String, String> before) {
        assertThat(FolderTrees.hashes(dir)).isEqualTo(before);
        assertThat(dir.resolve(".git")).doesNotExist();
    }

    @Test
    void anUnreachableRemoteLeavesTheFolderUntouched() {
        Path dir = FolderTrees.notes(root.resolve("notes"));
        Map<String, String> before = FolderTrees.hashes(dir);
        assertThatThrownBy(() -> init(dir, root.resolve("no-such-remote.git"), Role.LOCAL, Progress.NONE))
                .isInstanceOf(VaultException.class).hasMessageContaining("no-such-remote.git");
        assertUntouched(dir, before);
    }

    @Test
    void aRemoteWithHistoryIsRefusedAndTheFolderUntouched() {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        CGit.pushAsHuman(remote, "README.md", "someone else's\n");
        Path dir = FolderTrees.notes(root.resolve("notes"));
        Map<String, String> before = FolderTrees.hashes(dir);
        assertThatThrownBy(() -> init(dir, remote, Role.LOCAL, Progress.NONE)).isInstanceOf(VaultStateException.class)
                .hasMessageContaining("already has branches").hasMessageContaining("empty remote");
        assertUntouched(dir, before);
        assertThat(RemoteTree.files(remote, "main")).containsOnlyKeys("README.md");
    }

    @Test
    void aPushRefusedAfterTheGatePassKeepsEveryFileAndASecondRunWorks() {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        Path dir = FolderTrees.notes(root.resolve("notes"));
        Map<String, String> before = FolderTrees.hashes(dir);
        // another writer seeds the remote while this init checks the files: the first push is refused
        Progress race = new Progress() {
            @Override
            public void begin(String phase, long totalFiles, long totalBytes) {
                CGit.pushAsHuman(remote, "README.md", "first\n");
            }

            @Override
            public void advance(long files, long bytes) {
            }

            @Override
            public void end() {
            }
        };
        assertThatThrownBy(() -> init(dir, remote, Role.LOCAL, race)).isInstanceOf(VaultStateException.class)
                .hasMessageContaining("refused the first commit").hasMessageContaining("Nothing in " + dir);
        assertUntouched(dir, before);

        Path empty = CGit.initBare(root.resolve("empty.git"));
        VaultInit.Result again = init(dir, empty, Role.LOCAL, Progress.NONE);
        assertThat(again.mode()).isEqualTo(VaultInit.Mode.FOLDER);
        assertThat(RemoteTree.files(empty, "main")).containsKeys("Inbox.md", "café/Ünïcode note.md");
    }

    @Test
    void theCloudAgentSaysToAdoptWithTheLocalAgent() {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        Path dir = FolderTrees.notes(root.resolve("notes"));
        Map<String, String> before = FolderTrees.hashes(dir);
        assertThatThrownBy(() -> init(dir, remote, Role.CLOUD, Progress.NONE)).isInstanceOf(VaultStateException.class)
                .hasMessageContaining("only the local agent adopts a folder").hasMessageContaining("local-agent init");
        assertUntouched(dir, before);
        assertThat(RemoteTree.head(remote, "main")).isNull();
    }

    @Test
    void aCopyOfAVaultWithoutItsGitIsNotAdopted() throws Exception {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        Path dir = FolderTrees.notes(root.resolve("notes"));
        FolderTrees.write(dir, ".vaultsync/policy.yaml", "version: 1\n");
        Map<String, String> before = FolderTrees.hashes(dir);
        assertThatThrownBy(() -> init(dir, remote, Role.LOCAL, Progress.NONE)).isInstanceOf(VaultStateException.class)
                .hasMessageContaining("copy of a vault");
        assertUntouched(dir, before);
        assertThat(Files.readString(dir.resolve(".vaultsync/policy.yaml"))).isEqualTo("version: 1\n");
    }

    @Test
    void anAdoptionKilledDuringTheGatePassIsStartedAgainByTheNextInit() throws Exception {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        Path dir = FolderTrees.notes(root.resolve("notes"));
        Map<String, String> before = FolderTrees.hashes(dir);
        Path snapshot = root.resolve("git-at-kill");
        // the .git as a kill during the gate's pass leaves it, kept aside; the run itself stops there
        Progress killed = new Progress() {
            @Override
            public void begin(String phase, long totalFiles, long totalBytes) {
                try {
                    PathUtils.copyDirectory(dir.resolve(".git"), snapshot);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                throw new IllegalStateException("killed");
            }

            @Override
            public void advance(long files, long bytes) {
            }

            @Override
            public void end() {
            }
        };
        assertThatThrownBy(() -> init(dir, remote, Role.LOCAL, killed)).hasMessage("killed");
        PathUtils.copyDirectory(snapshot, dir.resolve(".git"));

        VaultInit.Result again = init(dir, remote, Role.LOCAL, Progress.NONE);

        assertThat(again.mode()).isEqualTo(VaultInit.Mode.FOLDER);
        assertThat(RemoteTree.files(remote, "main")).containsKeys("Inbox.md", "café/Ünïcode note.md");
        Map<String, String> after = FolderTrees.hashes(dir);
        before.forEach((p, h) -> {
            if (!p.equals(".gitignore")) assertThat(after.get(p)).as(p).isEqualTo(h);
        });
        assertThat(dir.resolve(".git/" + FolderAdoption.UNFINISHED)).doesNotExist();
    }
}
