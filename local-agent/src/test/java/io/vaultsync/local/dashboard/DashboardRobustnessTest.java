package io.vaultsync.local.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.local.Vaults;
import io.vaultsync.signal.Signal;
import io.vaultsync.sync.SyncOutcome;
import io.vaultsync.sync.SyncReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard never stops a sync, and shows nothing the secret gate would hold back. */
class DashboardRobustnessTest {
    @TempDir
    Path root;

    @Test
    void aCardFileThatIsNotUtf8DoesNotStopTheLocalCycle() throws Exception {
        Vaults v = Vaults.create(root);
        Path bad = v.cloud().resolve("Pending_Approval/conflicts/cloud_agent/odd.md");
        Files.createDirectories(bad.getParent());
        Files.write(bad, new byte[] {'-', '-', '-', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
        Vaults.write(v.cloud(), "Pending_Approval/email/DRAFT_a.md", "a\n");
        v.syncCloud();
        DashboardKeeper keeper = new DashboardKeeper();
        Vaults.cycle(v.localAgent(), Clock.systemUTC()).run(v.local(), keeper); // fetches the odd file
        String dashboard = Vaults.read(v.local(), "Dashboard.md");
        Vaults.write(v.local(), "Done/a.md", "done\n");
        SyncReport r = Vaults.cycle(v.localAgent(), Clock.systemUTC()).run(v.local(), keeper);

        assertThat(r.outcome()).as("the cycle goes on").isInstanceOf(SyncOutcome.Synced.class);
        assertThat(RemoteTree.files(v.remote(), "main")).containsEntry("Done/a.md", "done\n");
        assertThat(Vaults.read(v.local(), "Dashboard.md")).as("left as it was").isEqualTo(dashboard);
    }
}
