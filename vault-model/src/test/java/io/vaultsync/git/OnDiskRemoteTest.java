package io.vaultsync.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.sync.TestVaults;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote on this disk: its head is read where it is, and a fetch is skipped when the branch is where this
 * clone last fetched it; otherwise the fetch runs. (That no upload-pack starts
 * is what the benchmark measures; these check that the answers are the ones a fetch gives.)
 */
class OnDiskRemoteTest {
    @TempDir
    Path root;

    @Test
    void theHeadIsReadInPlaceAndAnUnmovedBranchIsNotFetchedAgain() throws Exception {
        TestVaults v = TestVaults.create(root.resolve("v"));
        v.syncCloud();
        v.syncLocal();
        ObjectId remoteHead = ObjectId.fromString(CGit.run(v.remote(), "rev-parse", "main").trim());
        try (VaultRepo vault = VaultRepo.open(v.local(), "main")) {
            assertThat(RemoteBranch.peek(vault)).isEqualTo(remoteHead);
            assertThat(RemoteBranch.fetch(vault)).isEqualTo(remoteHead);
            assertThat(vault.tracking()).isEqualTo(remoteHead);
        }
    }

    @Test
    void aMovedBranchIsFetched() throws Exception {
        TestVaults v = TestVaults.create(root.resolve("v"));
        v.syncCloud();
        v.syncLocal();
        v.pushAsHuman("Plans/later.md", "pushed after the local clone's last fetch\n");
        ObjectId remoteHead = ObjectId.fromString(CGit.run(v.remote(), "rev-parse", "main").trim());
        try (VaultRepo vault = VaultRepo.open(v.local(), "main")) {
            assertThat(vault.tracking()).isNotEqualTo(remoteHead);
            assertThat(RemoteBranch.peek(vault)).isEqualTo(remoteHead);
            assertThat(RemoteBranch.fetch(vault)).isEqualTo(remoteHead);
            assertThat(vault.tracking()).isEqualTo(remoteHead);
            assertThat(vault.repository().getObjectDatabase().has(remoteHead)).isTrue();
        }
    }
}
