package io.vaultsync.local.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.vaults.Vaults;
import io.vaultsync.fixtures.vaults.VaultsExtension;
import io.vaultsync.signal.Signal;
import io.vaultsync.sync.SyncOutcome;
import io.vaultsync.sync.SyncReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dashboard never stops a sync, and shows nothing the secret gate would hold back. */
@ExtendWith(VaultsExtension.class)
class DashboardRobustnessTest {

    @Test
    void aCardFileThatIsNotUtf8StopsNeitherTheCycleNorTheDashboard(Vaults v) throws Exception {
        Path bad = v.cloud().resolve("Pending_Approval/conflicts/cloud_agent/odd.md");
        Files.createDirectories(bad.getParent());
        Files.write(bad, new byte[] {'-', '-', '-', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
        Vaults.write(v.cloud(), "Pending_Approval/email/DRAFT_a.md", "a\n");
        v.syncCloud();
        DashboardKeeper keeper = new DashboardKeeper();
        Vaults.cycle(v.localAgent(), Clock.systemUTC()).run(v.local(), keeper); // fetches the odd file
        Vaults.write(v.local(), "Done/a.md", "done\n");
        SyncReport r = Vaults.cycle(v.localAgent(), Clock.systemUTC()).run(v.local(), keeper);

        assertThat(r.outcome()).as("the cycle goes on").isInstanceOf(SyncOutcome.Synced.class);
        assertThat(RemoteTree.files(v.remote(), "main")).containsEntry("Done/a.md", "done\n");
        assertThat(Vaults.read(v.local(), "Dashboard.md")).contains("[DRAFT_a.md](Pending_Approval/email/DRAFT_a.md)");
    }

    @Test
    void filesTheSecretGateHoldsBackAreNeitherReadNorListed(Vaults v) throws Exception {
        Signal ok = new Signal("note", Instant.parse("2026-11-22T09:00:00Z"), "cloud_agent", null, "Visible", "");
        Vaults.write(v.cloud(), ok.path("1"), new String(ok.render(), StandardCharsets.UTF_8));
        Vaults.write(v.cloud(), "Updates/api_keys/SIGNAL_20261122-100000_note_2.md", "# bank PIN 4411\n");
        Vaults.write(v.cloud(), "Updates/SIGNAL_20261122-110000_note_3.md", "# key AKIAIOSFODNN7EXAMPLE\n");
        Vaults.write(v.cloud(), "Pending_Approval/email/credentials.json", "{}\n");
        v.syncCloud();
        Vaults.write(v.local(), "Done/secrets/old.md", "x\n");
        DashboardKeeper keeper = new DashboardKeeper();
        Vaults.cycle(v.localAgent(), Clock.systemUTC()).run(v.local(), keeper); // fetches
        Vaults.cycle(v.localAgent(), Clock.systemUTC()).run(v.local(), keeper); // shows

        String md = RemoteTree.files(v.remote(), "main").get("Dashboard.md");
        assertThat(md).contains("[Visible]", "| Updates | 1 |", "| Done | 0 |", "## Drafts waiting for approval (0)")
                .doesNotContain("4411", "AKIA", "SIGNAL_20261122-110000", "api_keys", "credentials.json", "secrets");
    }
}
