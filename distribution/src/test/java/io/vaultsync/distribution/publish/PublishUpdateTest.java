package io.vaultsync.distribution.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.distribution.Sources;
import io.vaultsync.distribution.cli.ExitCodes;
import io.vaultsync.distribution.state.SyncLedger;
import io.vaultsync.fixtures.CGit;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The next release after a merged sync, and on_change rules run by watch. */
class PublishUpdateTest {
    @TempDir
    Path tmp;

    @Test
    void theNextReleaseModifiesAddsAndRemovesFilesAndTheirSnapshots() throws Exception {
        Sources s = new Sources(tmp);
        assertThat(PublishExampleTest.cli("publish", "--source", s.source.toString(), "--rule", "copy-docs").code()).isZero();
        Path webapp = s.downstreams.get("org/webapp");
        CGit.run(webapp, "update-ref", "refs/heads/main", "agent33-sync/v2.4.0/copy-docs"); // the PR was merged
        s.write("docs/api.md", Sources.API.replace("retries: 3", "retries: 5"));
        Files.delete(s.source.resolve("docs/guide.md"));
        s.write("docs/new.md", "# New\n\nSee the [API](api.md).\n");
        s.commit("docs: new page, guide retired");
        CGit.run(s.source, "tag", "-a", "v2.5.0", "-m", "v2.5.0");

        PublishExampleTest.Run run = PublishExampleTest.cli("publish", "--source", s.source.toString());

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        String branch = "agent33-sync/v2.5.0/copy-docs";
        assertThat(s.files("org/webapp", branch).lines().toList()).containsExactly(
                ".agent33-sync-state/copy-docs/snapshot/handbook/new.md",
                ".agent33-sync-state/copy-docs/snapshot/reference/api.md",
                ".agent33-sync-state/copy-docs/state.yaml",
                "README.md", "handbook/new.md", "reference/api.md");
        assertThat(s.show("org/webapp", branch, "handbook/new.md")).isEqualTo("# New\n\nSee the [API](../reference/api.md).\n");
        assertThat(CGit.run(webapp, "rev-parse", branch + "^").strip()).isEqualTo(CGit.run(webapp, "rev-parse", "main").strip());
        SyncLedger.Entry e = SyncLedger.read(SyncLedger.file(s.source.resolve(".git"), "agent33")).find("copy-docs", "org/webapp")
                .orElseThrow();
        assertThat(e.prBody()).contains("1 added, 1 modified, 1 removed", "- removed `handbook/guide.md`", "## Changelog since v2.4.0",
                "docs: new page, guide retired");
        assertThat(e.lastVersion()).isEqualTo("v2.5.0");
        s.fsckAll();
    }

    @Test
    void watchRunsAnOnChangeRuleOnlyWhenItsFilesChange() {
        Sources s = new Sources(tmp);
        s.rule("notes", """
                sync_rule:
                  id: notes
                  source: "docs/*.md"
                  target_repo: org/docs-site
                  target_path: notes/
                  strategy: copy
                  frequency: on_change
                  transforms: {strip_internal_links: true}
                """);
        String[] watch = {"watch", "--once", "--source", s.source.toString()};

        PublishExampleTest.Run first = PublishExampleTest.cli(watch);
        assertThat(first.out()).contains("published   notes -> org/docs-site", "published   copy-docs -> org/webapp");
        String refs = s.downstreamRefs();
        assertThat(PublishExampleTest.cli(watch).out()).isEmpty();
        s.write("specs/other.md", "# Other\n");
        s.commit("an unrelated change");
        assertThat(PublishExampleTest.cli(watch).out()).isEmpty();
        assertThat(s.downstreamRefs()).isEqualTo(refs);
        s.write("docs/api.md", Sources.API.replace("planner", "reviewer"));
        s.commit("api: the reviewer");

        PublishExampleTest.Run changed = PublishExampleTest.cli(watch);

        assertThat(changed.code()).isEqualTo(ExitCodes.OK);
        assertThat(changed.out()).contains("published   notes -> org/docs-site: agent33-sync/v2.4.0/notes", "2 added, 0 modified", // against the downstream's main: the first sync was not merged
                "| version_tag | warn |");
        assertThat(s.show("org/docs-site", "agent33-sync/v2.4.0/notes", "notes/api.md")).contains("name: reviewer");
        s.fsckAll();
    }

    @Test
    void anUnreachableDownstreamIsExit14AndCountsAFailure() {
        Sources s = new Sources(tmp);
        s.write("core/orchestrator/distribution/registry.yaml", """
                downstreams:
                  org/webapp: {url: %s}
                  org/mobile: {url: %s, variables: {product: M, team: T}}
                  org/docs-site: {url: %s}
                """.formatted(tmp.resolve("gone.git"), s.downstreams.get("org/mobile"), s.downstreams.get("org/docs-site")));

        PublishExampleTest.Run run = PublishExampleTest.cli("publish", "--source", s.source.toString());

        assertThat(run.code()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.out()).contains("UNREACHABLE copy-docs -> org/webapp: cannot fetch", "published   readme -> org/mobile");
        assertThat(SyncLedger.read(SyncLedger.file(s.source.resolve(".git"), "agent33")).find("copy-docs", "org/webapp").orElseThrow()
                .consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void aPasswordInADownstreamUrlIsNeverShown() {
        Sources s = new Sources(tmp);
        int closed = io.vaultsync.fixtures.servers.FreePort.pick();
        s.write("core/orchestrator/distribution/registry.yaml", """
                downstreams:
                  org/webapp: {url: "https://deploy:s3cret-t0ken@127.0.0.1:%d/webapp.git"}
                  org/mobile: {url: %s, variables: {product: M, team: T}}
                  org/docs-site: {url: %s}
                """.formatted(closed, s.downstreams.get("org/mobile"), s.downstreams.get("org/docs-site")));

        PublishExampleTest.Run run = PublishExampleTest.cli("publish", "--source", s.source.toString(), "--rule", "copy-docs");

        assertThat(run.code()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.out()).contains("UNREACHABLE copy-docs -> org/webapp: cannot fetch: remote https://127.0.0.1:" + closed
                + "/webapp.git unreachable");
        assertThat(run.out() + run.err()).doesNotContain("s3cret-t0ken");
        assertThat(SyncLedger.read(SyncLedger.file(s.source.resolve(".git"), "agent33")).toString()).doesNotContain("s3cret-t0ken");
    }
}
