package io.vaultsync.git;

import static io.vaultsync.sync.TestVaults.read;
import static io.vaultsync.sync.TestVaults.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.sync.SyncOutcome;
import io.vaultsync.sync.SyncReport;
import io.vaultsync.sync.TestVaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {
    @TempDir
    Path root;

    @Test
    void staleIndexLockLeftByAKilledProcessIsRemovedAndTheCycleCompletes() throws Exception {
        TestVaults v = TestVaults.create(root);
        Path lock = v.cloud().resolve(".git/index.lock");
        Files.writeString(lock, "");
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(600)));
        Path refLock = v.cloud().resolve(".git/refs/heads/main.lock");
        Files.writeString(refLock, "");
        Files.setLastModifiedTime(refLock, FileTime.from(Instant.now().minusSeconds(600)));
        write(v.cloud(), "Plans/after-crash.md", "x\n");

        SyncReport r = v.syncCloud();

        assertThat(r.outcome()).isInstanceOf(SyncOutcome.Synced.class);
        assertThat(r.repaired()).anyMatch(s -> s.contains("index.lock")).anyMatch(s -> s.contains("main.lock"));
        assertThat(lock).doesNotExist();
        assertThat(RemoteTree.files(v.remote(), "main")).containsKey("Plans/after-crash.md");
    }

    @Test
    void mergeHeadLeftBehindIsClearedWithoutLosingEitherSide() throws Exception {
        TestVaults v = TestVaults.create(root);
        write(v.cloud(), "Plans/p.md", "base\n");
        v.syncCloud();
        leaveAConflictingMerge(v);
        assertThat(v.cloud().resolve(".git/MERGE_HEAD")).exists();
        assertThat(read(v.cloud(), "Plans/p.md")).contains("<<<<<<<");

        SyncReport r = v.syncCloud();

        assertThat(r.outcome().completed()).isTrue();
        assertThat(r.repaired()).anyMatch(s -> s.contains("merging"));
        assertThat(v.cloud().resolve(".git/MERGE_HEAD")).doesNotExist();
        assertThat(read(v.cloud(), "Plans/p.md")).isEqualTo("ours\n");
        var remote = RemoteTree.files(v.remote(), "main");
        assertThat(remote).containsEntry("Plans/p.md", "ours\n");
        assertThat(remote.values()).contains("theirs\n"); // saved as a conflict copy
        assertThat(remote.values()).noneMatch(s -> s.contains("<<<<<<<"));
        CGit.assertFsckStrict(v.cloud());
    }

    @Test
    void conflictStagesWrittenAfterACleanCycleAreFoundThoughTheIndexWasKnownClean() throws Exception {
        TestVaults v = TestVaults.create(root);
        write(v.cloud(), "Plans/p.md", "base\n");
        v.syncCloud(); // this process now knows the index as free of conflicts, and skips reading it while unchanged
        v.syncCloud();
        leaveAConflictingMerge(v);
        Files.delete(v.cloud().resolve(".git/MERGE_HEAD")); // only the index's conflict stages are left to tell
        Files.deleteIfExists(v.cloud().resolve(".git/MERGE_MSG"));
        Files.deleteIfExists(v.cloud().resolve(".git/MERGE_MODE"));
        Files.deleteIfExists(v.cloud().resolve(".git/AUTO_MERGE"));

        SyncReport r = v.syncCloud();

        assertThat(r.repaired()).anyMatch(s -> s.contains("1 conflicted files restored"));
        assertThat(read(v.cloud(), "Plans/p.md")).isEqualTo("ours\n");
        assertThat(RemoteTree.files(v.remote(), "main").values()).noneMatch(s -> s.contains("<<<<<<<"));
    }

    @Test
    void interruptedRebaseIsAbortedAndTheBranchReattached() throws Exception {
        TestVaults v = TestVaults.create(root);
        write(v.cloud(), "Plans/p.md", "base\n");
        v.syncCloud();
        v.pushAsHuman("Plans/p.md", "theirs\n");
        write(v.cloud(), "Plans/p.md", "ours\n");
        CGit.run(v.cloud(), "commit", "-qam", "ours");
        CGit.run(v.cloud(), "fetch", "-q", "origin");
        assertThat(CGit.tryRun(v.cloud(), "rebase", "origin/main").exitCode()).isNotZero();
        assertThat(v.cloud().resolve(".git/rebase-merge")).exists();

        SyncReport r = v.syncCloud();

        assertThat(r.outcome().completed()).isTrue();
        assertThat(v.cloud().resolve(".git/rebase-merge")).doesNotExist();
        assertThat(CGit.run(v.cloud(), "symbolic-ref", "HEAD").trim()).isEqualTo("refs/heads/main");
        assertThat(RemoteTree.files(v.remote(), "main")).containsEntry("Plans/p.md", "ours\n");
        assertThat(RemoteTree.files(v.remote(), "main").values()).contains("theirs\n");
    }

    /** A person starts a conflicting merge of Plans/p.md by hand in the cloud clone and walks away. */
    private static void leaveAConflictingMerge(TestVaults v) {
        v.pushAsHuman("Plans/p.md", "theirs\n");
        write(v.cloud(), "Plans/p.md", "ours\n");
        CGit.run(v.cloud(), "commit", "-qam", "ours");
        CGit.run(v.cloud(), "fetch", "-q", "origin");
        assertThat(CGit.tryRun(v.cloud(), "merge", "origin/main").exitCode()).isNotZero();
    }
}
