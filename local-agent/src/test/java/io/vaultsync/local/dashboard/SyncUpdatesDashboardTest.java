package io.vaultsync.local.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CliRun;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.vaults.Vaults;
import io.vaultsync.local.LocalCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sync} by hand is the same cycle as {@code run}'s: the local agent's Dashboard.md follows it too. */
class SyncUpdatesDashboardTest {
    @TempDir
    Path root;

    @Test
    void aDraftPulledBySyncByHandIsOnTheDashboardHereAndOnTheRemote() throws Exception {
        Vaults v = Vaults.create(root);
        Vaults.write(v.cloud(), "Pending_Approval/email/DRAFT_reply.md", "---\nto: a@example.org\n---\nHello\n");
        v.syncCloud();

        CliRun r = LocalCli.run("sync", "--vault", v.local().toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(v.local().resolve("Dashboard.md"))).contains("DRAFT_reply.md");
        assertThat(RemoteTree.files(v.remote(), "main").get("Dashboard.md")).contains("DRAFT_reply.md");
    }
}
