package io.vaultsync.sync;

import static io.vaultsync.sync.TestVaults.read;
import static io.vaultsync.sync.TestVaults.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.status.StatusReport;
import io.vaultsync.status.StatusService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncCycleTest {
    @TempDir
    Path root;

    TestVaults v;

    @BeforeEach
    void setUp() {
        v = TestVaults.create(root);
    }

    @Test
    void signalWrittenByCloudReachesLocalVault() {
        write(v.cloud(), "Updates/SIGNAL_draft_ready.md", "# Draft ready\n");
        assertThat(v.syncCloud().outcome()).isInstanceOf(SyncOutcome.Synced.class);
        assertThat(v.syncLocal().outcome()).isEqualTo(new SyncOutcome.Synced(
                RemoteTree.head(v.remote(), "main"), 0, 1));
        assertThat(read(v.local(), "Updates/SIGNAL_draft_ready.md")).isEqualTo("# Draft ready\n");
    }

    @Test
    void approvalWrittenByLocalReachesCloudVault() {
        write(v.local(), "Approved/EMAIL_reply.md", "approved\n");
        v.syncLocal();
        v.syncCloud();
        assertThat(read(v.cloud(), "Approved/EMAIL_reply.md")).isEqualTo("approved\n");
    }

    @Test
    void commitsCarryAgentMachineAndOperationTrailers() {
        write(v.cloud(), "Plans/plan.md", "plan\n");
        v.syncCloud();
        String msg = RemoteTree.messages(v.remote(), "main").get(0);
        assertThat(msg).contains("Vaultsync-Agent: cloud_agent").contains("Vaultsync-Machine: vm")
                .containsPattern("Vaultsync-Operation: op-[0-9a-f-]{36}");
    }

    @Test
    void cloudWritesOutsideItsZonesAreNeverCommittedButStayOnDiskAndAreReported() throws Exception {
        write(v.cloud(), "Approved/x.md", "forged approval\n");
        write(v.cloud(), "Dashboard.md", "cloud edit\n");
        write(v.cloud(), "Needs_Action/task.md", "in zone\n");
        SyncReport r = v.syncCloud();

        assertThat(r.outsideZone()).containsExactlyInAnyOrder("Approved/x.md", "Dashboard.md");
        assertThat(RemoteTree.everVersion(v.remote(), "main"))
                .noneMatch(e -> e[0].equals("Approved/x.md"))
                .noneMatch(e -> e[0].equals("Dashboard.md") && e[1].equals("cloud edit\n"));
        assertThat(RemoteTree.files(v.remote(), "main")).containsEntry("Needs_Action/task.md", "in zone\n");
        assertThat(read(v.cloud(), "Approved/x.md")).isEqualTo("forged approval\n");
        assertThat(read(v.cloud(), "Dashboard.md")).isEqualTo("cloud edit\n");
        StatusReport st = StatusService.compute(v.cloud(), v.cloudAgent());
        assertThat(st.outsideZone()).containsExactlyInAnyOrder("Approved/x.md", "Dashboard.md");
    }

    @Test
    void bothChangedSamePathOwnerKeepsItsVersionAndTheOtherIsSaved() throws Exception {
        // a person pushes a change into the cloud's zone with plain git while the cloud edits the same file
        write(v.cloud(), "Plans/p.md", "base\n");
        v.syncCloud();
        v.pushAsHuman("Plans/p.md", "human version\n");
        write(v.cloud(), "Plans/p.md", "cloud version\n");

        SyncReport r = v.syncCloud();

        assertThat(r.outcome()).isInstanceOf(SyncOutcome.Synced.class);
        assertThat(r.cards()).hasSize(1);
        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        assertThat(remote).containsEntry("Plans/p.md", "cloud version\n");
        assertThat(remote).hasEntrySatisfying(r.cards().get(0), card -> assertThat(card).contains("path: \"Plans/p.md\""));
        assertThat(remote.entrySet()).anyMatch(e -> e.getKey().startsWith("Pending_Approval/conflicts/cloud_agent/")
                && e.getKey().endsWith("/p.md") && e.getValue().equals("human version\n"));
        assertThat(read(v.cloud(), "Plans/p.md")).isEqualTo("cloud version\n");
        assertNoMergeState(v.cloud());
        CGit.assertFsckStrict(v.remote());
    }

    @Test
    void outOfZoneLocalEditThatTheOwnerAlsoChangedIsSavedAsConflictCopy() throws Exception {
        write(v.cloud(), "Dashboard.md", "cloud scribble\n");
        write(v.local(), "Dashboard.md", "# Dashboard\nlocal truth\n");
        v.syncLocal();

        SyncReport r = v.syncCloud();

        assertThat(read(v.cloud(), "Dashboard.md")).isEqualTo("# Dashboard\nlocal truth\n");
        assertThat(r.cards()).hasSize(1);
        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        assertThat(remote).containsEntry("Dashboard.md", "# Dashboard\nlocal truth\n");
        assertThat(remote.entrySet()).anyMatch(e -> e.getKey().startsWith("Pending_Approval/conflicts/cloud_agent/")
                && e.getKey().endsWith("/Dashboard.md") && e.getValue().equals("cloud scribble\n"));
        assertThat(remote.get(r.cards().get(0))).contains("kind: out-of-zone-local-edit").contains("path: \"Dashboard.md\"");
        assertThat(StatusService.compute(v.cloud(), v.cloudAgent()).conflicts()).hasSize(1);
    }

    @Test
    void humanCommittingWithCGitBetweenCyclesDoesNotBreakTheAgent() throws Exception {
        write(v.cloud(), "Needs_Action/by_hand.md", "typed by a person\n");
        write(v.cloud(), "Approved/sneaky.md", "out of zone, committed by hand\n");
        CGit.run(v.cloud(), "add", "Needs_Action/by_hand.md", "Approved/sneaky.md");
        CGit.run(v.cloud(), "commit", "-qm", "by hand");
        write(v.local(), "Done/d.md", "done\n");
        v.syncLocal();

        SyncReport r = v.syncCloud();

        assertThat(r.outcome().completed()).isTrue();
        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        assertThat(remote).containsEntry("Needs_Action/by_hand.md", "typed by a person\n")
                .doesNotContainKey("Approved/sneaky.md");
        assertThat(read(v.cloud(), "Approved/sneaky.md")).isEqualTo("out of zone, committed by hand\n");
        assertThat(read(v.cloud(), "Done/d.md")).isEqualTo("done\n");
        assertThat(StatusService.compute(v.cloud(), v.cloudAgent()).outsideZone()).containsExactly("Approved/sneaky.md");
        assertThat(v.syncCloud().outcome()).isInstanceOf(SyncOutcome.UpToDate.class);
        CGit.assertFsckStrict(v.cloud());
    }

    @Test
    void whatAPersonStagedOutsideTheZonesStaysStagedAndUncommitted() {
        write(v.cloud(), "Approved/staged.md", "staged by hand\n");
        write(v.cloud(), "Plans/staged-in-zone.md", "in zone, staged by hand\n");
        CGit.run(v.cloud(), "add", "Approved/staged.md", "Plans/staged-in-zone.md");

        SyncReport r = v.syncCloud();

        assertThat(r.outsideZone()).containsExactly("Approved/staged.md");
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey("Plans/staged-in-zone.md")
                .doesNotContainKey("Approved/staged.md");
        assertThat(CGit.run(v.cloud(), "status", "--porcelain")).contains("A  Approved/staged.md")
                .doesNotContain("Plans/staged-in-zone.md");
    }

    @Test
    void unicodeAndSpacesInNamesSync() {
        write(v.cloud(), "Needs_Action/Réunion à 10h — notes.md", "ok\n");
        v.syncCloud();
        v.syncLocal();
        assertThat(read(v.local(), "Needs_Action/Réunion à 10h — notes.md")).isEqualTo("ok\n");
    }

    @Test
    void deletionInZoneReachesTheOtherSide() {
        write(v.cloud(), "Needs_Action/t.md", "t\n");
        v.syncCloud();
        v.syncLocal();
        assertThat(v.local().resolve("Needs_Action/t.md")).exists();
        assertThat(v.cloud().resolve("Needs_Action/t.md").toFile().delete()).isTrue();
        v.syncCloud();
        v.syncLocal();
        assertThat(v.local().resolve("Needs_Action/t.md")).doesNotExist();
    }

    @Test
    void fileThatBecomesAFolderAndBackReachesTheOtherSide() throws Exception {
        write(v.cloud(), "Plans/q3", "a file first\n");
        v.syncCloud();
        v.syncLocal();
        Files.delete(v.cloud().resolve("Plans/q3"));
        write(v.cloud(), "Plans/q3/budget.md", "now a folder\n");
        v.syncCloud();
        v.syncLocal();
        assertThat(read(v.local(), "Plans/q3/budget.md")).isEqualTo("now a folder\n");
        Files.delete(v.cloud().resolve("Plans/q3/budget.md"));
        Files.delete(v.cloud().resolve("Plans/q3"));
        write(v.cloud(), "Plans/q3", "a file again\n");
        v.syncCloud();
        SyncReport r = v.syncLocal();
        assertThat(r.errors()).isEmpty();
        assertThat(read(v.local(), "Plans/q3")).isEqualTo("a file again\n");
        assertThat(StatusService.compute(v.local(), v.localAgent()).pending()).isZero();
    }

    @Test
    void secondCycleWithNothingNewIsUpToDate() {
        v.syncCloud();
        assertThat(v.syncCloud().outcome()).isInstanceOf(SyncOutcome.UpToDate.class);
    }

    static void assertNoMergeState(Path vault) throws Exception {
        Path git = vault.resolve(".git");
        assertThat(git.resolve("MERGE_HEAD")).doesNotExist();
        assertThat(git.resolve("rebase-merge")).doesNotExist();
        assertThat(git.resolve("rebase-apply")).doesNotExist();
        try (var files = Files.walk(vault)) {
            assertThat(files.filter(Files::isRegularFile).filter(p -> !p.startsWith(git)).filter(p -> {
                try {
                    return Files.readString(p).contains("<<<<<<<");
                } catch (Exception e) {
                    return false;
                }
            })).isEmpty();
        }
    }
}
