package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.config.AgentSettings;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.PolicyLoader;
import io.vaultsync.policy.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderAdoptionTest {
    @TempDir
    Path root;

    private VaultInit.Result adopt(Path dir, Path remote) {
        return new VaultInit(Clock.systemUTC()).init(dir, remote.toString(), "local_agent", Role.LOCAL, "desktop", "main");
    }

    @Test
    void aFolderOfNotesBecomesTheVaultInPlaceWithoutItsSecrets() throws Exception {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        Path dir = FolderTrees.notes(root.resolve("ExistingVault"));
        Map<String, String> before = FolderTrees.hashes(dir);
        String ignoreBefore = Files.readString(dir.resolve(".gitignore"));

        VaultInit.Result r = adopt(dir, remote);

        assertThat(r.mode()).isEqualTo(VaultInit.Mode.FOLDER);
        Map<String, String> files = RemoteTree.files(remote, "main");
        assertThat(files).containsKeys("Inbox.md", "Projects/alpha/plan.md", "Projects/beta.md", "café/Ünïcode note.md",
                Policy.PATH, ".gitignore", "Dashboard.md", "Needs_Action/.gitkeep");
        assertThat(files.get("café/Ünïcode note.md")).isEqualTo("# Café\nnoté\n");
        assertThat(files).doesNotContainKeys(".env", "keys/id_ed25519", "Projects/server notes.txt", "private/diary.md");
        assertThat(String.join("\n", files.values())).doesNotContain("PRIVATE KEY").doesNotContain("zq8Xv2LmP0rTn4Ws6Yb1Kd3Hf5Jg7Qc9");
        assertThat(r.adoption().heldBack()).extracting(BlockedPath::path)
                .containsExactlyInAnyOrder(".env", "keys/id_ed25519", "Projects/server notes.txt", "private/diary.md");
        assertThat(r.adoption().heldBack()).filteredOn(b -> b.path().equals("Projects/server notes.txt"))
                .extracting(BlockedPath::rule).containsExactly("content:private-key");

        Map<String, String> after = FolderTrees.hashes(dir);
        for (var e : before.entrySet()) {
            if (e.getKey().equals(".gitignore")) continue;
            assertThat(after.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        Set<String> added = new HashSet<>(after.keySet());
        added.removeAll(before.keySet());
        assertThat(added).allMatch(p -> p.equals(Policy.PATH) || p.equals("Dashboard.md") || p.endsWith("/.gitkeep"), "vault files only");
        assertThat(added).contains(Policy.PATH, "Dashboard.md");
        String ignoreAfter = Files.readString(dir.resolve(".gitignore"));
        assertThat(ignoreAfter).startsWith(ignoreBefore).contains(".env*").contains(".obsidian/workspace*.json");
        assertThat(files.get(".gitignore")).isEqualTo(ignoreAfter);

        Policy policy = PolicyLoader.parse(files.get(Policy.PATH), Policy.PATH);
        assertThat(policy.agent("local_agent").orElseThrow().zones()).contains("Projects/", "café/", "/*", ".obsidian/")
                .doesNotContain("keys/", "private/");
        assertThat(policy.gate().deny()).containsExactly("private/", "*.tmp");
        assertThat(r.adoption().zonesGiven()).containsExactly("Projects/", "café/", "/*");
        CGit.assertFsckStrict(remote);

        // the first cycle commits none of what the gate held back, and the notes sync both ways
        AgentSettings local = TestVaults.settings(dir);
        SyncReport first = TestVaults.sync(local, dir);
        assertThat(first.blocked()).extracting(BlockedPath::path).contains(".env", "Projects/server notes.txt");
        assertThat(RemoteTree.files(remote, "main")).doesNotContainKeys(".env", "keys/id_ed25519",
                "Projects/server notes.txt", "private/diary.md");
        Path cloudDir = root.resolve("cloud");
        VaultInit.Result cloud = new VaultInit(Clock.systemUTC()).init(cloudDir, remote.toString(), "cloud_agent",
                Role.CLOUD, "vm", "main");
        assertThat(cloud.mode()).isEqualTo(VaultInit.Mode.CLONED);
        assertThat(Files.readString(cloudDir.resolve("café/Ünïcode note.md"))).isEqualTo("# Café\nnoté\n");
        TestVaults.write(cloudDir, "Plans/next.md", "# next\n");
        TestVaults.sync(cloud.settings(), cloudDir);
        FolderTrees.write(dir, "Projects/alpha/plan.md", "# Alpha\nsteps\nmore steps\n");
        FolderTrees.write(dir, "café/new note.md", "nouveau\n");
        TestVaults.sync(local, dir);
        assertThat(Files.readString(dir.resolve("Plans/next.md"))).isEqualTo("# next\n");
        TestVaults.sync(cloud.settings(), cloudDir);
        assertThat(Files.readString(cloudDir.resolve("Projects/alpha/plan.md"))).endsWith("more steps\n");
        assertThat(Files.readString(cloudDir.resolve("café/new note.md"))).isEqualTo("nouveau\n");
        assertThat(RemoteTree.files(remote, "main")).doesNotContainKeys(".env", "keys/id_ed25519", "private/diary.md");
    }

    @Test
    void obsidianWorkspaceStaysLocalWhileItsSettingsSync() throws Exception {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        Path dir = root.resolve("Obsidian");
        FolderTrees.write(dir, "Welcome.md", "hi\n");
        FolderTrees.write(dir, ".obsidian/app.json", "{\"spellcheck\":true}\n");
        FolderTrees.write(dir, ".obsidian/workspace.json", "{\"active\":\"a\"}\n");
        FolderTrees.write(dir, ".obsidian/workspace-mobile.json", "{\"active\":\"a\"}\n");
        FolderTrees.write(dir, ".obsidian/plugins/calendar/data.json", "{}\n");
        FolderTrees.write(dir, ".trash/old.md", "gone\n");
        adopt(dir, remote);
        Map<String, String> files = RemoteTree.files(remote, "main");
        assertThat(files).containsKeys("Welcome.md", ".obsidian/app.json", ".obsidian/plugins/calendar/data.json")
                .doesNotContainKeys(".obsidian/workspace.json", ".obsidian/workspace-mobile.json", ".trash/old.md");

        AgentSettings local = TestVaults.settings(dir);
        TestVaults.sync(local, dir);
        String head = RemoteTree.head(remote, "main");
        for (int i = 0; i < 3; i++) {
            FolderTrees.write(dir, ".obsidian/workspace.json", "{\"active\":\"" + i + "\"}\n");
            TestVaults.sync(local, dir);
            assertThat(RemoteTree.head(remote, "main")).as("cycle " + i).isEqualTo(head);
        }
        FolderTrees.write(dir, ".obsidian/app.json", "{\"spellcheck\":false}\n");
        TestVaults.sync(local, dir);
        assertThat(RemoteTree.files(remote, "main").get(".obsidian/app.json")).isEqualTo("{\"spellcheck\":false}\n");
    }

    @Test
    void aSeededVaultSyncsObsidianSettingsButNotItsWorkspace() {
        TestVaults v = TestVaults.create(root);
        TestVaults.write(v.local(), ".obsidian/app.json", "{}\n");
        TestVaults.write(v.local(), ".obsidian/workspace.json", "{}\n");
        v.syncLocal();
        String head = RemoteTree.head(v.remote(), "main");
        TestVaults.write(v.local(), ".obsidian/workspace.json", "{\"x\":1}\n");
        v.syncLocal();
        assertThat(RemoteTree.head(v.remote(), "main")).isEqualTo(head);
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey(".obsidian/app.json")
                .doesNotContainKey(".obsidian/workspace.json");
    }

    @Test
    void anExistingDashboardAndKeepFilesOfThePersonAreKeptAsTheyAre() {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        Path dir = root.resolve("notes");
        FolderTrees.write(dir, "Dashboard.md", "my own dashboard\n");
        FolderTrees.write(dir, "Done/.gitkeep", "mine\n");
        FolderTrees.write(dir, "Plans/trip.md", "a trip\n");
        Map<String, String> before = FolderTrees.hashes(dir);
        VaultInit.Result r = adopt(dir, remote);
        Map<String, String> after = FolderTrees.hashes(dir);
        before.forEach((p, h) -> assertThat(after.get(p)).as(p).isEqualTo(h));
        Map<String, String> files = RemoteTree.files(remote, "main");
        assertThat(files.get("Dashboard.md")).isEqualTo("my own dashboard\n");
        assertThat(files.get("Done/.gitkeep")).isEqualTo("mine\n");
        assertThat(files.get("Plans/trip.md")).isEqualTo("a trip\n");
        assertThat(r.adoption().zonesGiven()).isEmpty();
        assertThat(r.adoption().otherZones()).containsEntry("Plans/", "cloud_agent");
        assertThat(r.adoption().added()).doesNotContain("Dashboard.md", "Done/.gitkeep").contains(".gitignore");
        assertThat(List.copyOf(after.keySet())).contains(".gitignore", Policy.PATH);
    }

    @Test
    void aRemoteGivenAsARelativePathIsReachedFromTheVaultToo() {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        Path dir = FolderTrees.notes(root.resolve("notes"));
        String relative = Path.of("").toAbsolutePath().relativize(remote).toString();
        VaultInit.Result r = new VaultInit(Clock.systemUTC()).init(dir, relative, "local_agent", Role.LOCAL, "desktop", "main");
        assertThat(r.settings().remote()).isEqualTo(remote.toString());
        assertThat(RemoteTree.files(remote, "main")).containsKey("Inbox.md");
        TestVaults.write(dir, "Inbox.md", "# Inbox\n- done\n");
        TestVaults.sync(r.settings(), dir);
        assertThat(RemoteTree.files(remote, "main").get("Inbox.md")).endsWith("- done\n");
    }

    @Test
    void aVaultPathThatIsALinkIsRefusedNamingTheFolder() throws Exception {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        Path dir = FolderTrees.notes(root.resolve("real"));
        Map<String, String> before = FolderTrees.hashes(dir);
        Path link = Files.createSymbolicLink(root.resolve("Vault"), dir);
        assertThatThrownBy(() -> adopt(link, remote)).isInstanceOf(io.vaultsync.VaultStateException.class)
                .hasMessageContaining("is a link").hasMessageContaining(dir.toRealPath().toString());
        assertThat(FolderTrees.hashes(dir)).isEqualTo(before);
        assertThat(dir.resolve(".git")).doesNotExist();
        assertThat(RemoteTree.head(remote, "main")).isNull();
    }
}
