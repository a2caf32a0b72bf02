package io.vaultsync.local.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.SecretSamples;
import io.vaultsync.fixtures.vaults.Vaults;
import io.vaultsync.sync.BlockedPath;
import io.vaultsync.sync.SyncReport;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything Dashboard.md shows comes from the branch (committed, gated content), never from the work
 * tree: a file the gate holds back and a draft that exists only on this disk are neither counted nor named.
 */
class CommittedDashboardTest {
    static final String PRIVATE_KEY = SecretSamples.all().stream().filter(s -> s.expectedRulePrefix().equals("content:private-key"))
            .findFirst().orElseThrow().content();

    @TempDir
    Path root;

    @Test
    void aDoneFileWhoseContentTheGateBlocksIsNeitherCountedNorListed() throws Exception {
        Vaults v = Vaults.create(root);
        Vaults.write(v.local(), "Done/ok.md", "# ok\n\n- executed at: 2026-11-22T10:00:00Z\n");
        Vaults.write(v.local(), "Done/leaky.md", "# leaky\n\n- executed at: 2026-11-22T11:00:00Z\n\n" + PRIVATE_KEY);

        SyncReport r = Vaults.cycle(v.localAgent(), Clock.systemUTC()).run(v.local(), new DashboardKeeper());

        assertThat(r.blocked()).extracting(BlockedPath::path).containsExactly("Done/leaky.md");
        String md = remoteDashboard(v);
        assertThat(md).as("the item committed in this very cycle is shown")
                .contains("| Done | 1 |", "## Done, newest first (1)", "- [ok.md](Done/ok.md) — executed 2026-11-22T10:00:00Z")
                .doesNotContain("leaky");
    }

    @Test
    void aDraftOnlyInTheWorkTreeIsNotListedAndItsNameNeverReachesTheRemoteDashboard() throws Exception {
        Vaults v = Vaults.create(root);
        Vaults.write(v.cloud(), "Pending_Approval/email/DRAFT_shared.md", "shared\n");
        v.syncCloud();
        // drafts are the cloud's zone: these stay on this disk, never committed
        Vaults.write(v.local(), "Pending_Approval/email/DRAFT_acme-merger-talks.md", "private\n");
        Vaults.write(v.local(), "Pending_Approval/hush-project/DRAFT_plan.md", "private\n");
        DashboardKeeper keeper = new DashboardKeeper();
        Vaults.cycle(v.localAgent(), Clock.systemUTC()).run(v.local(), keeper); // fetches
        Vaults.cycle(v.localAgent(), Clock.systemUTC()).run(v.local(), keeper); // shows

        String md = remoteDashboard(v);
        assertThat(md).contains("## Drafts waiting for approval (1)", "| Pending_Approval/email | 1 |",
                "- email: [DRAFT_shared.md](Pending_Approval/email/DRAFT_shared.md)")
                .doesNotContain("acme-merger-talks", "hush-project");
        assertThat(Vaults.read(v.local(), "Dashboard.md")).isEqualTo(md);
    }

    @Test
    void aCommittedItemIsListedWithWhatItsCommittedContentSaysNotALaterEditTheGateHeldBack() throws Exception {
        Vaults v = Vaults.create(root);
        Vaults.write(v.local(), "Done/a.md", "# a\n\n- executed at: 2026-11-22T10:00:00Z\n");
        DashboardKeeper keeper = new DashboardKeeper();
        Vaults.cycle(v.localAgent(), Clock.systemUTC()).run(v.local(), keeper);
        assertThat(remoteDashboard(v)).contains("| Done | 1 |", "- [a.md](Done/a.md) — executed 2026-11-22T10:00:00Z");

        // an edit the gate holds back: the branch keeps the committed version, and so does the dashboard
        Vaults.write(v.local(), "Done/a.md", "# a\n\n- executed at: 2026-11-23T08:00:00Z\n\n" + PRIVATE_KEY);
        SyncReport r = Vaults.cycle(v.localAgent(), Clock.systemUTC()).run(v.local(), keeper);

        assertThat(r.blocked()).extracting(BlockedPath::path).containsExactly("Done/a.md");
        assertThat(remoteDashboard(v)).contains("| Done | 1 |", "- [a.md](Done/a.md) — executed 2026-11-22T10:00:00Z")
                .doesNotContain("2026-11-23");
    }

    /** Dashboard.md on the remote's branch, read by C git from the bare repository. */
    private static String remoteDashboard(Vaults v) {
        return CGit.run(v.remote(), "show", "main:Dashboard.md");
    }
}
