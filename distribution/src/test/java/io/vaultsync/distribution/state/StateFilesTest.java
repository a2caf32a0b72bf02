package io.vaultsync.distribution.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.registry.Registry;
import io.vaultsync.distribution.rules.Frequency;
import io.vaultsync.distribution.validate.SyncValidation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The state formats shared with dmerge, and the status of a ledger entry. */
class StateFilesTest {
    @TempDir
    Path tmp;

    @Test
    void theDownstreamStateIsTheContractsYaml() {
        TreeMap<String, String> files = new TreeMap<>();
        files.put("docs/guide.md", "9f86d0");
        DownstreamState s = new DownstreamState("copy-docs", "0".repeat(40), "v2.4.0", Instant.parse("2026-12-03T12:00:00Z"), files);

        String yaml = new String(s.toYaml(), StandardCharsets.UTF_8);

        assertThat(yaml).isEqualTo("""
                ---
                rule: "copy-docs"
                source_commit: "0000000000000000000000000000000000000000"
                version: "v2.4.0"
                synced_at: "2026-12-03T12:00:00Z"
                files:
                  docs/guide.md: "9f86d0"
                """);
        assertThat(DownstreamState.fromYaml(s.toYaml(), "x")).isEqualTo(s);
        assertThat(DownstreamState.path("agent33", "copy-docs")).isEqualTo(".agent33-sync-state/copy-docs/state.yaml");
        assertThat(DownstreamState.snapshotPath("acme", "r", "a/b.md")).isEqualTo(".acme-sync-state/r/snapshot/a/b.md");
        assertThatThrownBy(() -> DownstreamState.fromYaml("rule: [".getBytes(StandardCharsets.UTF_8), "there"))
                .isInstanceOf(DistributionException.class).hasMessageStartingWith("there: not a readable sync state");
    }

    @Test
    void theLedgerRoundTripsAndReplacesAnEntryByRuleAndDownstream() throws Exception {
        Path file = SyncLedger.file(tmp.resolve(".git"), "agent33");
        SyncValidation report = SyncValidation.of("r", "org/a", "v1.0.0", "c",
                List.of(new SyncValidation.Check("links", SyncValidation.Status.PASS, List.of("a.md"), "ok")));
        SyncLedger ledger = SyncLedger.empty()
                .with(SyncLedger.Entry.never("r", "org/a").synced("v1.0.0", "c", Instant.EPOCH, "b", "d", report, "t", "body"))
                .with(SyncLedger.Entry.never("r", "org/b").failed(null));

        ledger.write(file);
        SyncLedger back = SyncLedger.read(file);

        assertThat(back).isEqualTo(ledger);
        assertThat(Files.readString(file)).contains("last_version: \"v1.0.0\"", "consecutive_failures: 1", "status: \"current\"",
                "validation:", "name: \"links\"");
        assertThat(back.with(back.find("r", "org/a").orElseThrow().failed(null)).entries()).hasSize(2);
        assertThat(SyncLedger.read(tmp.resolve("none.yaml")).entries()).isEmpty();
        Files.writeString(tmp.resolve("bad.yaml"), "entries: {");
        assertThatThrownBy(() -> SyncLedger.read(tmp.resolve("bad.yaml"))).hasMessageContaining("bad.yaml: not a readable sync ledger");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
        "current                      | ON_RELEASE | v2.4.0 | c  | 2026-12-01T00:00:00Z | 0 | current",
        "behind one release           | ON_RELEASE | v2.3.0 | c  | 2026-12-01T00:00:00Z | 0 | behind",
        "two releases missed          | ON_RELEASE | v2.2.0 | c  | 2026-12-01T00:00:00Z | 0 | stale",
        "too long ago                 | ON_RELEASE | v2.4.0 | c  | 2026-08-01T00:00:00Z | 0 | stale",
        "failures                     | ON_RELEASE | v2.4.0 | c  | 2026-12-01T00:00:00Z | 3 | stale",
        "on_change at head            | ON_CHANGE  | v2.4.0 | h  | 2026-12-01T00:00:00Z | 0 | current",
        "on_change behind head        | ON_CHANGE  | v2.4.0 | c  | 2026-12-01T00:00:00Z | 0 | behind",
        "on_change 15 days            | ON_CHANGE  | v2.4.0 | h  | 2026-11-18T00:00:00Z | 0 | stale",
        "manual never counts releases | MANUAL     | v2.2.0 | c  | 2026-12-01T00:00:00Z | 0 | behind",
        "never synced                 | ON_RELEASE | -      | -  | -                    | 0 | behind",
        "never synced, failing        | ON_RELEASE | -      | -  | -                    | 3 | stale",
    }, delimiter = '|')
    void status(String what, Frequency f, String version, String commit, String at, int failures, String expected) {
        SyncLedger.Entry e = new SyncLedger.Entry("r", "org/a", version, commit, at == null ? null : Instant.parse(at), null, null,
                failures, null, null, null, null);

        SyncLedger.Status s = SyncStatus.of(e, f, List.of("v2.2.0", "v2.3.0", "v2.4.0"), "h", Instant.parse("2026-12-03T12:00:00Z"),
                Registry.Thresholds.DEFAULT);

        assertThat(s.word()).isEqualTo(expected);
    }
}
