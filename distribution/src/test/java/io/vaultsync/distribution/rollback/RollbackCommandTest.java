package io.vaultsync.distribution.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.distribution.decisions.DecisionsLog;
import io.vaultsync.distribution.fixtures.SyncWorld;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.RemoteTree;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code distribute rollback} against a real downstream with two syncs. */
class RollbackCommandTest {
    static final String BRANCH = "agent33-sync/rollback/v2.3.0/copy-docs";

    @TempDir
    Path tmp;
    SyncWorld w;
    String v23;

    @BeforeEach
    void twoSyncs() throws Exception {
        w = new SyncWorld(tmp);
        v23 = w.sync("copy-docs", "v2.3.0", Map.of("docs/guide.md", "guide 2.3\n", "docs/old.md", "old\n"),
                Instant.parse("2026-11-01T10:00:00Z"));
        w.edit(Map.of("src/app.txt", "the downstream's own work\n"));
        w.sync("copy-docs", "v2.4.0", Map.of("docs/guide.md", "guide 2.4\n", "docs/new.md", "new\n"),
                Instant.parse("2026-12-01T10:00:00Z"));
    }

    String[] args(String... more) {
        String[] base = {"rollback", "--source", w.source.toString(), "--rule", "copy-docs", "--downstream", SyncWorld.DOWNSTREAM};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void restoresThePreviousSyncOnANewBranchWithADecisionsEntry() {
        String mainBefore = RemoteTree.head(w.remote, "main");

        SyncWorld.Run run = SyncWorld.cli(args("--reason", "2.4 broke the checklist"));

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("v2.4.0 -> v2.3.0").contains("restore: docs/guide.md").contains("remove: docs/new.md")
                .contains("checksum  pass").contains("links  pass").contains("secrets  pass").contains("pushed " + BRANCH);
        Map<String, String> files = RemoteTree.files(w.remote, BRANCH);
        assertThat(files).containsEntry("docs/guide.md", "guide 2.3\n").containsEntry("docs/old.md", "old\n")
                .containsEntry("src/app.txt", "the downstream's own work\n").doesNotContainKey("docs/new.md")
                .containsEntry(".agent33-sync-state/copy-docs/snapshot/docs/old.md", "old\n")
                .doesNotContainKey(".agent33-sync-state/copy-docs/snapshot/docs/new.md");
        assertThat(files.get(".agent33-sync-state/copy-docs/state.yaml")).contains("version: \"v2.3.0\"");
        var entries = DecisionsLog.entries(files.get("DECISIONS.md"), "rollback");
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.get("from_version").asText()).isEqualTo("v2.4.0");
            assertThat(e.get("to_version").asText()).isEqualTo("v2.3.0");
            assertThat(e.get("branch").asText()).isEqualTo(BRANCH);
            assertThat(e.get("commit").asText()).isEqualTo(v23);
            assertThat(e.get("reason").asText()).isEqualTo("2.4 broke the checklist");
        });
        assertThat(RemoteTree.messages(w.remote, BRANCH).get(0)).startsWith("sync(agent33): Roll back copy-docs from v2.4.0 to v2.3.0");
        assertThat(RemoteTree.head(w.remote, "main")).as("the default branch is left for review").isEqualTo(mainBefore);
        CGit.assertFsckStrict(w.remote);
        CGit.assertFsckStrict(w.work);
        CGit.assertFsckStrict(w.source);

        SyncWorld.Run again = SyncWorld.cli(args());
        assertThat(again.exit()).isEqualTo(RollbackCommand.BRANCH_EXISTS);
        assertThat(again.err()).contains("already exists");
    }

    @Test
    void dryRunPrintsThePlanAndChangesNoRefAnywhere() {
        String before = w.allRefs();

        SyncWorld.Run run = SyncWorld.cli(args("--dry-run"));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("branch: " + BRANCH).contains("validation: pass").contains("dry run: nothing pushed");
        assertThat(w.allRefs()).isEqualTo(before);
        CGit.assertFsckStrict(w.remote);
    }

    @Test
    void toAVersionNeverSyncedIsAnErrorNamingTheSyncedOnes() {
        SyncWorld.Run run = SyncWorld.cli(args("--to", "v9.9.9"));

        assertThat(run.exit()).isEqualTo(RollbackCommand.BAD_INPUT);
        assertThat(run.err()).contains("no earlier sync of v9.9.9").contains("v2.3.0, v2.4.0");
        assertThat(RemoteTree.head(w.remote, BRANCH)).isNull();
    }

    @Test
    void aRestoredSyncWhoseFilesDoNotMatchItsStateIsBlockedWithNothingPushed() throws Exception {
        // a hand-made "sync" v2.5.0: its state records v2.4.0's checksums, but the guide holds other bytes
        String state = io.vaultsync.fixtures.VaultFiles.read(w.work, ".agent33-sync-state/copy-docs/state.yaml");
        w.edit(Map.of(".agent33-sync-state/copy-docs/state.yaml", state.replace("v2.4.0", "v2.5.0"), "docs/guide.md", "tampered\n"));
        w.sync("copy-docs", "v2.6.0", Map.of("docs/guide.md", "guide 2.6\n"), Instant.parse("2026-12-02T10:00:00Z"));
        String before = w.allRefs();

        SyncWorld.Run run = SyncWorld.cli(args());

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(RollbackCommand.BLOCKED);
        assertThat(run.out()).contains("v2.6.0 -> v2.5.0").contains("checksum  fail").contains("[docs/guide.md]")
                .contains("nothing pushed");
        assertThat(w.allRefs()).isEqualTo(before);
    }

    @Test
    void aRestoredFileTheSecretScanRefusesIsBlockedByThePublishChecks() throws Exception {
        w.sync("copy-docs", "v2.5.0", Map.of("docs/guide.md", "guide 2.5\n", "docs/keys.md", "Internal-only: the staging keys.\n"),
                Instant.parse("2026-12-02T10:00:00Z"));
        w.sync("copy-docs", "v2.6.0", Map.of("docs/guide.md", "guide 2.6\n"), Instant.parse("2026-12-03T10:00:00Z"));
        String before = w.allRefs();

        SyncWorld.Run run = SyncWorld.cli(args("--to", "v2.5.0"));

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(RollbackCommand.BLOCKED);
        assertThat(run.out()).contains("checksum  pass").contains("secrets  fail").contains("docs/keys.md")
                .contains("marked internal-only").contains("nothing pushed");
        assertThat(w.allRefs()).isEqualTo(before);
    }
}
