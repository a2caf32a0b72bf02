package io.vaultsync.distribution.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.distribution.Main;
import io.vaultsync.distribution.Sources;
import io.vaultsync.distribution.cli.ExitCodes;
import io.vaultsync.distribution.state.DownstreamState;
import io.vaultsync.distribution.state.SyncLedger;
import io.vaultsync.distribution.strategy.Hashes;
import io.vaultsync.distribution.validate.SyncValidation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Must-show 1: three downstreams (copy with both transforms, template, reference), files exactly right, idempotent. */
class PublishExampleTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void publishPushesThreeExactBranchesAndASecondRunPushesNothing() throws Exception {
        Sources s = new Sources(tmp);
        Path prBody = tmp.resolve("pr-body.md");
        s.writeRegistry("    pr_command: [\"sh\", \"-c\", \"printf '%s' \\\"$1\\\" > \\\"$0.title\\\"; cp \\\"$2\\\" \\\"$0\\\"\", \""
                + prBody + "\", \"{title}\", \"{body_file}\"]\n");
        String before = s.allRefs();

        Run run = cli("publish", "--source", s.source.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.code()).as(run.out()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("PR title: sync(agent33): Update Agent handbook from v2.4.0",
                "PR title: sync(agent33): Update readme from v2.4.0", "PR title: sync(agent33): Update orchestrator-spec from v2.4.0");

        String webapp = "agent33-sync/v2.4.0/copy-docs";
        assertThat(s.files("org/webapp", webapp).lines().toList()).containsExactly(
                ".agent33-sync-state/copy-docs/snapshot/handbook/guide.md",
                ".agent33-sync-state/copy-docs/snapshot/reference/api.md",
                ".agent33-sync-state/copy-docs/state.yaml",
                "README.md", "handbook/guide.md", "reference/api.md");
        String guide = """
                # Guide

                Read the [API](../reference/api.md#calls) first, then the plan.
                Upstream: [home](https://example.org/agent33).
                """;
        assertThat(s.show("org/webapp", webapp, "handbook/guide.md")).isEqualTo(guide);
        assertThat(s.show("org/webapp", webapp, "reference/api.md")).isEqualTo(Sources.API);
        assertThat(s.show("org/webapp", webapp, ".agent33-sync-state/copy-docs/snapshot/handbook/guide.md")).isEqualTo(guide);
        assertThat(s.show("org/webapp", webapp, "README.md")).isEqualTo("# webapp\n");
        DownstreamState state = DownstreamState.fromYaml(
                s.show("org/webapp", webapp, ".agent33-sync-state/copy-docs/state.yaml").getBytes(StandardCharsets.UTF_8), "state");
        assertThat(state.version()).isEqualTo("v2.4.0");
        assertThat(state.sourceCommit()).isEqualTo(io.vaultsync.fixtures.CGit.run(s.source, "rev-parse", "v2.4.0^{commit}").strip());
        assertThat(state.files()).containsEntry("handbook/guide.md", Hashes.sha256(guide.getBytes(StandardCharsets.UTF_8)))
                .containsEntry("reference/api.md", Hashes.sha256(Sources.API.getBytes(StandardCharsets.UTF_8))).hasSize(2);

        String mobile = "agent33-sync/v2.4.0/readme";
        assertThat(s.files("org/mobile", mobile).lines().filter(p -> !p.startsWith(".agent33-sync-state/")).toList())
                .containsExactly("HANDBOOK.md", "README.md");
        assertThat(s.show("org/mobile", mobile, "HANDBOOK.md")).isEqualTo("# Mobile\n\nShared handbook for Mobile (Apps), v2.4.0.\n");

        String docs = "agent33-sync/v2.4.0/orchestrator-spec";
        assertThat(s.files("org/docs-site", docs).lines().filter(p -> !p.startsWith(".agent33-sync-state/")).toList())
                .containsExactly("README.md", "vendor/agent33/orchestrator.md");
        assertThat(s.show("org/docs-site", docs, "vendor/agent33/orchestrator.md")).isEqualTo("""
                <!-- agent33-sync: reference stub, generated; the content lives in the source -->
                # orchestrator.md

                The canonical version of this file is [`specs/orchestrator.md` in agent33 at v2.4.0](https://git.example/agent33/blob/v2.4.0/specs/orchestrator.md).
                """);
        assertThat(s.show("org/docs-site", docs, "vendor/agent33/orchestrator.md")).doesNotContain("The full spec");

        // main is untouched (auto_merge is off); the sync commit sits on it
        for (String repo : List.of("org/webapp", "org/mobile", "org/docs-site")) {
            assertThat(io.vaultsync.fixtures.CGit.run(s.downstreams.get(repo), "rev-parse", "main").strip())
                    .isEqualTo(before.lines().filter(l -> l.endsWith("refs/heads/main")).findFirst().orElse("").isEmpty() ? ""
                            : io.vaultsync.fixtures.CGit.run(s.downstreams.get(repo), "rev-parse", "agent33-sync/v2.4.0/"
                                    + (repo.equals("org/webapp") ? "copy-docs" : repo.equals("org/mobile") ? "readme" : "orchestrator-spec")
                                    + "^").strip());
        }

        SyncLedger ledger = SyncLedger.read(SyncLedger.file(s.source.resolve(".git"), "agent33"));
        assertThat(ledger.entries()).hasSize(3).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(SyncLedger.Status.CURRENT);
            assertThat(e.lastVersion()).isEqualTo("v2.4.0");
            assertThat(e.validation().status()).isEqualTo(SyncValidation.Status.PASS);
            assertThat(e.validation().checks()).extracting(SyncValidation.Check::name)
                    .containsExactly("checksum", "links", "schema", "secrets", "version_tag");
            assertThat(e.prBody()).contains("## Validation: pass", "| checksum | pass |");
        });
        SyncLedger.Entry copy = ledger.find("copy-docs", "org/webapp").orElseThrow();
        assertThat(copy.prBody()).contains("2 added, 0 modified, 0 removed", "- added `handbook/guide.md`",
                "## Changelog since v2.3.0", "guide: point at the API calls");
        assertThat(copy.lastCommit()).isEqualTo(io.vaultsync.fixtures.CGit.run(s.downstreams.get("org/webapp"), "rev-parse", webapp).strip());
        // the PR command got the title and the body file
        assertThat(Files.readString(prBody)).isEqualTo(copy.prBody());
        assertThat(Files.readString(tmp.resolve("pr-body.md.title"))).isEqualTo("sync(agent33): Update Agent handbook from v2.4.0");
        assertThat(run.out()).contains("PR command: sh exited 0");
        s.fsckAll();

        String afterFirst = s.allRefs();
        assertThat(afterFirst).isNotEqualTo(before);
        Run again = cli("publish", "--source", s.source.toString());
        assertThat(again.code()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).doesNotContain("published").contains("not due     copy-docs -> org/webapp: v2.4.0 already synced");
        assertThat(s.allRefs()).isEqualTo(afterFirst);
        Run forced = cli("publish", "--source", s.source.toString(), "--rule", "copy-docs");
        assertThat(forced.out()).contains("up to date  copy-docs -> org/webapp");
        assertThat(s.allRefs()).isEqualTo(afterFirst);

        Run table = cli("registry", "--source", s.source.toString());
        assertThat(table.code()).isEqualTo(0);
        assertThat(table.out()).contains("REPO", "org/webapp", "copy-docs", "copy", "on_release", "v2.4.0", "current");
        System.out.println(run.out());
        System.out.println(table.out());
    }

    @Test
    void dryRunPlansAndReportsButChangesNoRefAndRecordsNothing() {
        Sources s = new Sources(tmp);
        String before = s.allRefs();

        Run run = cli("publish", "--source", s.source.toString(), "--dry-run");

        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("would push  copy-docs -> org/webapp: agent33-sync/v2.4.0/copy-docs (2 added",
                "## Validation: pass");
        assertThat(s.allRefs()).isEqualTo(before);
        assertThat(SyncLedger.file(s.source.resolve(".git"), "agent33")).doesNotExist();
        s.fsckAll();
    }

    @Test
    void autoMergeFastForwardsTheDownstreamBranchWhenEveryCheckPasses() {
        Sources s = new Sources(tmp);
        s.writeRegistry("    auto_merge: true\n");

        Run run = cli("publish", "--source", s.source.toString(), "--rule", "copy-docs");

        assertThat(run.out()).contains("auto-merge: fast-forwarded main");
        Path webapp = s.downstreams.get("org/webapp");
        assertThat(io.vaultsync.fixtures.CGit.run(webapp, "rev-parse", "main"))
                .isEqualTo(io.vaultsync.fixtures.CGit.run(webapp, "rev-parse", "agent33-sync/v2.4.0/copy-docs"));
        s.fsckAll();
    }
}
