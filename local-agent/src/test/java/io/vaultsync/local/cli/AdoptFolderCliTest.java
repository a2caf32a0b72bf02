package io.vaultsync.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.cli.ExitCodes;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.VaultFiles;
import io.vaultsync.local.LocalCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code local-agent init} on a folder of notes: what the person reads, and the exit codes. */
class AdoptFolderCliTest {
    @TempDir
    Path root;

    private Path notes() {
        Path dir = root.resolve("ExistingVault");
        VaultFiles.write(dir, "Inbox.md", "# Inbox\n");
        VaultFiles.write(dir, "Journal/2026/monday.md", "a day\n");
        VaultFiles.write(dir, ".env", "SECRET=x\n");
        VaultFiles.write(dir, ".obsidian/workspace.json", "{}\n");
        return dir;
    }

    @Test
    void initOnAFolderOfNotesListsWhatSyncsAndWhatIsHeldBack() {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        Path dir = notes();
        CliRun r = LocalCli.run("init", "--vault", dir.toString(), "--remote", remote.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("adopted the folder as the vault and pushed it to")
                .contains("committed 2 files of yours")
                .contains("held back by the secret gate (left on disk, never committed): 2")
                .contains(".env  [deny:.env*]").contains(".obsidian/workspace.json  [deny:.obsidian/workspace*.json]")
                .contains("your folders, now in local_agent's zone").contains("Journal/")
                .contains("your files at the top of the folder sync too")
                .doesNotContain("SECRET=x");
        assertThat(RemoteTree.files(remote, "main")).containsKeys("Inbox.md", "Journal/2026/monday.md")
                .doesNotContainKeys(".env", ".obsidian/workspace.json");
        assertThat(dir.resolve(".env")).hasContent("SECRET=x");
    }

    @Test
    void initOnAFolderWithANonEmptyRemoteFailsAndChangesNothing() throws Exception {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        CGit.pushAsHuman(remote, "README.md", "taken\n");
        Path dir = notes();
        CliRun r = LocalCli.run("init", "--vault", dir.toString(), "--remote", remote.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_VAULT);
        assertThat(r.err()).contains("already has branches").doesNotContain("Exception");
        assertThat(dir.resolve(".git")).doesNotExist();
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(4);
        }
    }

    @Test
    void initHelpTellsAboutAdoptingAFolder() {
        CliRun r = LocalCli.run("init", "--help");
        assertThat(r.out().replaceAll("\\s+", " ")).contains("a --vault folder that already holds notes")
                .contains("nothing is moved or deleted");
    }
}
