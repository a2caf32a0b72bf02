package io.vaultsync.sync;

import static io.vaultsync.sync.TestVaults.read;
import static io.vaultsync.sync.TestVaults.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.integrate.LostClaim;
import io.vaultsync.policy.TaskMove;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay rules for task moves, driven the way a person would: files moved with {@code mv}, then a
 * sync. JGit merges keep both sides of two claims (no rename detection); the replay must not.
 */
class TaskMoveReplayTest {
    private static final String CLOUD_T = "In_Progress/cloud_agent/t.md";
    private static final String LOCAL_T = "In_Progress/local_agent/t.md";

    @TempDir
    Path root;

    TestVaults v;

    @BeforeEach
    void setUp() {
        v = TestVaults.create(root);
        write(v.cloud(), "Needs_Action/t.md", "# t\n");
        v.syncCloud();
        v.syncLocal();
    }

    @Test
    void twoClaimsByHandOfTheSameTaskLeaveOneOnTheRemote() throws Exception {
        TestVaults.move(v.cloud(), "Needs_Action/t.md", CLOUD_T);
        TestVaults.move(v.local(), "Needs_Action/t.md", LOCAL_T);
        v.syncCloud();

        SyncReport r = v.syncLocal();

        assertThat(r.outcome().completed()).isTrue();
        assertThat(r.lostClaims()).containsExactly(new LostClaim(TaskMove.Kind.CLAIM, "t.md", LOCAL_T, "cloud_agent"));
        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        assertThat(remote).containsKey(CLOUD_T).doesNotContainKeys(LOCAL_T, "Needs_Action/t.md");
        assertThat(v.local().resolve(LOCAL_T)).doesNotExist();
        assertThat(read(v.local(), CLOUD_T)).isEqualTo("# t\n");
        assertThat(remote.keySet()).as("nothing of ours was lost, so no card").noneMatch(p -> p.endsWith(".md")
                && p.startsWith("Pending_Approval/conflicts/"));
        CGit.assertFsckStrict(v.remote());
    }

    @Test
    void workOnALostClaimIsKeptAsideNotResurrected() throws Exception {
        TestVaults.move(v.cloud(), "Needs_Action/t.md", CLOUD_T);
        TestVaults.move(v.local(), "Needs_Action/t.md", LOCAL_T);
        v.syncCloud();
        write(v.local(), LOCAL_T, "# t\n\nhalf-written reply\n");

        v.syncLocal();
        SyncReport again = v.syncLocal(); // the next cycle must not bring the task back either

        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        assertThat(again.lostClaims()).isEmpty();
        assertThat(remote).doesNotContainKey(LOCAL_T);
        assertThat(remote.entrySet()).anyMatch(e -> e.getKey().startsWith("Pending_Approval/conflicts/local_agent/")
                && e.getValue().equals("# t\n\nhalf-written reply\n"));
        assertThat(remote.entrySet()).anyMatch(e -> e.getValue().contains("kind: double-claim")
                && e.getValue().contains("path: \"" + LOCAL_T + "\"")
                && e.getValue().contains("in_place: theirs")
                && e.getValue().contains("- ours: the version by **local_agent**")
                && e.getValue().contains("options: [keep_theirs, skip]"));
        assertThat(v.local().resolve(LOCAL_T)).doesNotExist();
    }

    @Test
    void addingATaskToOnesFolderWhileAnotherHoldsItIsCarded() throws Exception {
        TestVaults.move(v.cloud(), "Needs_Action/t.md", CLOUD_T);
        v.syncCloud();
        write(v.local(), LOCAL_T, "# t, copied by hand\n"); // a copy, not a move: the task would be in two places

        v.syncLocal();

        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        assertThat(remote).containsKey(CLOUD_T).doesNotContainKey(LOCAL_T);
        assertThat(remote.values()).contains("# t, copied by hand\n");
    }

    @Test
    void aHandoffByHandReachesTheReceiver() throws Exception {
        TestVaults.move(v.cloud(), "Needs_Action/t.md", CLOUD_T);
        v.syncCloud();
        TestVaults.move(v.cloud(), CLOUD_T, LOCAL_T);

        SyncReport r = v.syncCloud();

        assertThat(r.outsideZone()).isEmpty();
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey(LOCAL_T).doesNotContainKey(CLOUD_T);
        v.syncLocal();
        assertThat(read(v.local(), LOCAL_T)).isEqualTo("# t\n");
    }

    @Test
    void aTakeoverLosesToARenewalThatLandedFirst() throws Exception {
        TestVaults.move(v.cloud(), "Needs_Action/t.md", CLOUD_T);
        v.syncCloud();
        v.syncLocal();
        write(v.cloud(), CLOUD_T, "---\nlease_expires: \"2026-11-22T10:00:00Z\"\n---\n# t\n"); // the holder renews
        v.syncCloud();
        TestVaults.move(v.local(), CLOUD_T, LOCAL_T); // local still sees the old version and takes it over

        SyncReport r = v.syncLocal();

        assertThat(r.lostClaims()).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(TaskMove.Kind.TAKEOVER);
            assertThat(l.holder()).isEqualTo("cloud_agent");
        });
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey(CLOUD_T).doesNotContainKey(LOCAL_T);
        assertThat(read(v.local(), CLOUD_T)).contains("lease_expires");
    }

    @Test
    void aTakeoverOfAnUnchangedClaimLands() throws Exception {
        TestVaults.move(v.cloud(), "Needs_Action/t.md", CLOUD_T);
        v.syncCloud();
        v.syncLocal();
        TestVaults.move(v.local(), CLOUD_T, LOCAL_T);

        SyncReport r = v.syncLocal();

        assertThat(r.lostClaims()).isEmpty();
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey(LOCAL_T).doesNotContainKey(CLOUD_T);
        v.syncCloud();
        assertThat(v.cloud().resolve(CLOUD_T)).doesNotExist();
    }
}
