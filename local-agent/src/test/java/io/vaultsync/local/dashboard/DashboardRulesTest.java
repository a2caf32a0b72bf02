package io.vaultsync.local.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.sync.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The dashboard's small pure rules, from tables: links, table cells, and each agent's health word. */
class DashboardRulesTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "Done/a.md;                     [a.md](Done/a.md)",
        "Done/two words.md;             [two words.md](Done/two%20words.md)",
        "Done/re (1).md;                [re (1).md](Done/re%20%281%29.md)",
        "Done/100% sure.md;             [100% sure.md](Done/100%25%20sure.md)",
        "Done/issue #4?.md;             [issue #4?.md](Done/issue%20%234%3F.md)",
        "Done/<b>.md;                   [<b>.md](Done/%3Cb%3E.md)",
        "Done/[draft] é.md;             [\\[draft\\] é.md](Done/[draft]%20é.md)",
        "Pending_Approval/email/ü ß.md; [ü ß.md](Pending_Approval/email/ü%20ß.md)",
    })
    void aLinkIsRelativeToTheVaultRootWithItsDestinationEscaped(String path, String link) {
        assertThat(DashboardView.link(path)).isEqualTo(link);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "never,                       never synced",
        "synced,                      ok",
        "up to date,                  ok",
        "offline: connection refused, offline",
        "push race lost 5 times,      contended",
    })
    void thisAgentsHealthComesFromItsLastCycle(String lastOutcome, String health) {
        assertThat(DashboardInputs.health(new SyncState(null, null, null, lastOutcome, 0, null))).isEqualTo(health);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "UNREACHABLE,      offline",
        "AUTH_REFUSED,     authentication refused",
        "SERVER_UNTRUSTED, server not trusted",
        "NOT_FOUND,        repository not found",
        "PUSH_DENIED,      push not permitted",
        "SOMETHING_NEW,    offline",
    })
    void aTransportFailureShowsItsClass(String kind, String health) {
        var error = new SyncState.TransportError(kind, "m", java.time.Instant.EPOCH);
        assertThat(DashboardInputs.health(new SyncState(null, null, null, "x", 1, error))).isEqualTo(health);
    }

    @ParameterizedTest(name = "last sync {0} -> {1}")
    @CsvSource(nullValues = "none", value = {
        "none,                 never synced",
        "2026-11-22T09:59:00Z, ok",
        "2026-11-21T10:00:00Z, ok",
        "2026-11-21T09:59:59Z, quiet",
    })
    void anotherAgentIsQuietWhenItsLastSyncIsOlderThanTheThreshold(Instant lastSync, String health) {
        assertThat(DashboardInputs.peerHealth(lastSync, NOW, Duration.ofHours(24))).isEqualTo(health);
    }

    @Test
    void draftsAreTaggedWithTheirDomainAndTableCellsKeepTheirPipes() {
        DashboardData d = new DashboardData(Map.of("Pending_Approval/a|b", 1),
                List.of("Pending_Approval/a|b/x.md", "Pending_Approval/social/y.md"), List.of(),
                List.of(new DashboardData.Agent("cloud_agent", "cloud", NOW, "vm|1", "abc1234", "ok")), List.of(), List.of());
        assertThat(DashboardView.render(d)).contains("| Pending_Approval/a\\|b | 1 |\n",
                "- a|b: [x.md](Pending_Approval/a|b/x.md)", "- social: [y.md](Pending_Approval/social/y.md)",
                "| cloud_agent | cloud | 2026-11-22T10:00:00Z | vm\\|1 | `abc1234` | ok |\n");
    }

    @Test
    void theQuietThresholdMustBePositive() {
        assertThatThrownBy(() -> new DashboardKeeper(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("quietAfter must be positive");
    }
}
