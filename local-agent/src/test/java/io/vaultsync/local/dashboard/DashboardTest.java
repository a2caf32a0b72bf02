package io.vaultsync.local.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.conflict.ConflictKind;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.vaults.Vaults;
import io.vaultsync.signal.Signal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dashboard.md: what it shows, from data and from a real run; and that a quiet vault gets no new commit. */
class DashboardTest {
    static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path root;

    @Test
    void theViewShowsCountsLinksCardsAgentsDoneAndSignalsNewestFirst() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("Needs_Action", 2);
        counts.put("Pending_Approval/email", 1);
        DashboardData d = new DashboardData(counts, List.of("Pending_Approval/email/DRAFT re (1) é.md"),
                List.of(new DashboardData.Card("C-1", "handler-failed", "In_Progress/cloud_agent/x.md", "cloud_agent")),
                List.of(new DashboardData.Agent("cloud_agent", "cloud", T, "vm", "abc1234", "ok"),
                        new DashboardData.Agent("local_agent", "local", null, null, null, "never synced")),
                List.of(new DashboardData.DoneItem("Done/a.md", T.plusSeconds(60))),
                List.of(new DashboardData.SignalFile("Updates/SIGNAL_b.md", new Signal("x", T.plusSeconds(5), "cloud_agent", null, "Newer", "")),
                        new DashboardData.SignalFile("Updates/SIGNAL_a.md", new Signal("x", T, null, null, "Older [v2]", ""))));
        String md = DashboardView.render(d);
        assertThat(md).contains("| Needs_Action | 2 |\n| Pending_Approval/email | 1 |\n")
                .contains("## Drafts waiting for approval (1)\n\n- email: [DRAFT re (1) é.md](Pending_Approval/email/DRAFT%20re%20%281%29%20é.md)"
                        + " — `local-agent approve \"Pending_Approval/email/DRAFT re (1) é.md\"`\n")
                .contains("- [C-1](Pending_Approval/conflicts/cloud_agent/C-1.md) — handler-failed on `In_Progress/cloud_agent/x.md`,"
                        + " raised by cloud_agent (`resolve C-1`)")
                .contains("| cloud_agent | cloud | 2026-11-22T10:00:00Z | vm | `abc1234` | ok |\n"
                        + "| local_agent | local | — | — | — | never synced |\n")
                .contains("- [a.md](Done/a.md) — executed 2026-11-22T10:01:00Z")
                .contains("- 2026-11-22T10:00:05Z — [Newer](Updates/SIGNAL_b.md) (cloud_agent)\n"
                        + "- 2026-11-22T10:00:00Z — [Older \\[v2\\]](Updates/SIGNAL_a.md)\n");
        assertThat(DashboardView.render(d)).isEqualTo(md);
    }

    @Test
    void afterARunWithSignalsDraftsAndCardsTheRemoteDashboardShowsThemAndAQuietCycleCommitsNothing() throws Exception {
        Vaults v = Vaults.create(root);
        String[][] signals = {{"2026-11-22T09:00:00Z", "First"}, {"2026-11-22T11:00:00Z", "Third"}, {"2026-11-22T10:00:00Z", "Second"}};
        int n = 0;
        for (String[] s : signals) {
            Signal sig = new Signal("note", Instant.parse(s[0]), "cloud_agent", null, s[1], "");
            Vaults.write(v.cloud(), sig.path("000" + n++), new String(sig.render(), java.nio.charset.StandardCharsets.UTF_8));
        }
        Vaults.write(v.cloud(), "Pending_Approval/email/DRAFT_one.md", "one\n");
        Vaults.write(v.cloud(), "Pending_Approval/social/DRAFT two.md", "two\n");
        Vaults.write(v.cloud(), "Needs_Action/task.md", "t\n");
        ConflictCard card = ConflictCard.failure("C-20261122-100000-beef-handler", ConflictKind.HANDLER_FAILED,
                "In_Progress/cloud_agent/EMAIL_x.md", "handler email: h.sh", "It failed.", "", Instant.parse("2026-11-22T10:00:00Z"),
                "cloud_agent");
        Vaults.write(v.cloud(), card.cardPath(), card.render());
        v.syncCloud();
        DashboardKeeper keeper = new DashboardKeeper();
        Vaults.cycle(v.localAgent(), Clock.systemUTC()).run(v.local(), keeper); // fetches
        Vaults.cycle(v.localAgent(), Clock.systemUTC()).run(v.local(), keeper); // shows

        String md = RemoteTree.files(v.remote(), "main").get("Dashboard.md");
        assertThat(md).contains("| Needs_Action | 1 |", "| Pending_Approval/email | 1 |", "| Pending_Approval/social | 1 |",
                "| Updates | 3 |", "| Done | 0 |");
        assertThat(md).contains("- email: [DRAFT_one.md](Pending_Approval/email/DRAFT_one.md)",
                "- social: [DRAFT two.md](Pending_Approval/social/DRAFT%20two.md)");
        assertThat(md).contains("## Open decision cards (1)", "[C-20261122-100000-beef-handler]", "handler-failed on `In_Progress/cloud_agent/EMAIL_x.md`");
        assertThat(md).containsPattern("\\| cloud_agent \\| cloud \\| \\d{4}-[^|]+Z \\| vm \\| `[0-9a-f]{7}` \\| ok \\|");
        assertThat(md.indexOf("[Third]")).isLessThan(md.indexOf("[Second]"));
        assertThat(md.indexOf("[Second]")).isLessThan(md.indexOf("[First]"));

        String head = RemoteTree.head(v.remote(), "main");
        Vaults.cycle(v.localAgent(), Clock.systemUTC()).run(v.local(), keeper);
        Vaults.cycle(v.localAgent(), Clock.systemUTC()).run(v.local(), keeper);
        assertThat(RemoteTree.head(v.remote(), "main")).as("a quiet vault: no dashboard commit").isEqualTo(head);
        CGit.assertFsckStrict(v.remote());
    }
}
