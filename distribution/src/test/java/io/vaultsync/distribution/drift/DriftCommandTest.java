package io.vaultsync.distribution.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.distribution.cli.ExitCodes;
import io.vaultsync.distribution.fixtures.SyncWorld;
import io.vaultsync.fixtures.CGit;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code distribute drift}: a downstream edit outside the overrides, and a stale sync, end to end. */
class DriftCommandTest {
    static final Instant SYNCED = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void anEditOutsideTheOverridesIsDriftWithFileAndRemedy() throws Exception {
        SyncWorld w = new SyncWorld(tmp);
        w.sync("copy-docs", "v2.4.0", Map.of("docs/guide.md", "guide\n", "docs/faq.md", "faq\n"), SYNCED);
        String day = "--now=2026-12-02T10:00:00Z";
        assertThat(SyncWorld.cli("drift", "--source", w.source.toString(), day).exit()).isZero();

        w.edit(Map.of("docs/guide.md", "guide, edited downstream\n", ".agent33-overrides/docs/faq.md", "our faq\n"));
        SyncWorld.Run run = SyncWorld.cli("drift", "--source", w.source.toString(), day);

        assertThat(run.exit()).isEqualTo(ExitCodes.DRIFT);
        assertThat(run.out()).contains("drift  org/webapp  copy-docs  docs/guide.md: changed since the sync of v2.4.0")
                .contains("remedy: re-sync (distribute publish --rule copy-docs)")
                .contains("move the change into .agent33-overrides/docs/guide.md")
                .doesNotContain("faq");
        CGit.assertFsckStrict(w.remote);
    }

    @Test
    void aDeletedSyncedFileIsDriftInJson() throws Exception {
        SyncWorld w = new SyncWorld(tmp);
        w.sync("copy-docs", "v2.4.0", Map.of("docs/guide.md", "guide\n"), SYNCED);
        CGit.run(w.work, "rm", "-q", "docs/guide.md");
        CGit.run(w.work, "commit", "-qm", "drop the guide");
        CGit.run(w.work, "push", "-q", "origin", "main");

        SyncWorld.Run run = SyncWorld.cli("drift", "--source", w.source.toString(), "--json", "--now=2026-12-02T10:00:00Z");

        assertThat(run.exit()).isEqualTo(ExitCodes.DRIFT);
        assertThat(run.out()).contains("\"kind\" : \"drift\"").contains("\"path\" : \"docs/guide.md\"")
                .contains("\"detail\" : \"deleted since the sync of v2.4.0\"").contains("\"detected_at\" : \"2026-12-02T10:00:00Z\"");
    }

    @Test
    void aSyncOlderThanItsThresholdIsStale() throws Exception {
        SyncWorld w = new SyncWorld(tmp);
        w.sync("copy-docs", "v2.4.0", Map.of("docs/guide.md", "guide\n"), SYNCED);

        SyncWorld.Run fresh = SyncWorld.cli("drift", "--source", w.source.toString(), "--now=2026-12-16T09:59:59Z");
        SyncWorld.Run stale = SyncWorld.cli("drift", "--source", w.source.toString(), "--yaml", "--now=2026-12-16T10:00:00Z");

        assertThat(fresh.exit()).as(fresh.out()).isZero();
        assertThat(stale.exit()).isEqualTo(ExitCodes.STALE);
        assertThat(stale.out()).contains("kind: \"stale\"").contains("last synced 15 days ago (on_change allows 14)");
    }

    @Test
    void anUnreachableDownstreamIsNamed() throws Exception {
        SyncWorld w = new SyncWorld(tmp);
        io.vaultsync.fixtures.VaultFiles.write(w.source, "core/orchestrator/distribution/registry.yaml",
                "downstreams:\n  org/webapp:\n    url: " + tmp.resolve("nowhere.git") + "\n");

        SyncWorld.Run run = SyncWorld.cli("drift", "--source", w.source.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).contains("unreachable: org/webapp");
    }

    @Test
    void theRegistryAndRulesOptionsAreHonoured() throws Exception {
        SyncWorld w = new SyncWorld(tmp);
        w.sync("copy-docs", "v2.4.0", Map.of("docs/guide.md", "guide\n"), SYNCED);
        java.nio.file.Path reg = w.source.resolve("core/orchestrator/distribution/registry.yaml");
        java.nio.file.Files.move(reg, w.source.resolve("elsewhere.yaml"));

        SyncWorld.Run missing = SyncWorld.cli("drift", "--source", w.source.toString(), "--now=2026-12-04T10:00:00Z");
        SyncWorld.Run moved = SyncWorld.cli("drift", "--source", w.source.toString(), "--registry", "elsewhere.yaml",
                "--now=2026-12-04T10:00:00Z");

        assertThat(missing.exit()).isEqualTo(ExitCodes.BAD_CONFIG);
        assertThat(moved.exit()).as(moved.out() + moved.err()).isZero();
    }
}
