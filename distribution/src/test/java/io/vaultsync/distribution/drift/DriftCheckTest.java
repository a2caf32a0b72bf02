package io.vaultsync.distribution.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.distribution.state.DownstreamState;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Drift of synced files against the recorded checksums. */
class DriftCheckTest {
    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    static final DownstreamState STATE = new DownstreamState("copy-docs", "a".repeat(40), "v2.4.0", NOW,
            new TreeMap<>(Map.of("docs/a.md", "aaaa", "docs/b.md", "bbbb", "docs/c.md", "cccc", ".agent33-overrides/x.md", "xxxx")));

    @Test
    void changedAndDeletedFilesAreFindingsWithARemedy() {
        var alerts = DriftCheck.check("org/webapp", STATE, Map.of("docs/a.md", "ffff", "docs/c.md", "cccc"),
                ".agent33-overrides/", NOW);

        assertThat(alerts).extracting(SyncAlert::path).containsExactly("docs/a.md", "docs/b.md");
        assertThat(alerts.get(0).detail()).startsWith("changed since the sync of v2.4.0");
        assertThat(alerts.get(0).remedy()).contains("re-sync").contains("move the change into .agent33-overrides/docs/a.md");
        assertThat(alerts.get(1).detail()).isEqualTo("deleted since the sync of v2.4.0");
    }

    @Test
    void untouchedFilesAndOverridesAreNoFinding() {
        assertThat(DriftCheck.check("org/webapp", STATE, Map.of("docs/a.md", "AAAA".toLowerCase(), "docs/b.md", "bbbb",
                "docs/c.md", "CCCC".toLowerCase()), ".agent33-overrides/", NOW)).isEmpty();
    }
}
