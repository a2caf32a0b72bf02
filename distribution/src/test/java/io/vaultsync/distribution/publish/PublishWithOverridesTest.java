package io.vaultsync.distribution.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.distribution.Sources;
import io.vaultsync.distribution.cli.ExitCodes;
import io.vaultsync.distribution.state.SyncLedger;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.VaultFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must-show 2 through {@code publish}: v2.3.0 synced (and auto-merged), a person adds overrides downstream,
 * v2.4.0 is published: the override a new upstream line clashes with becomes conflict markers on the PR branch,
 * listed with path and line range in the PR body; an override upstream did not touch is kept.
 */
class PublishWithOverridesTest {
    @TempDir
    Path tmp;

    @Test
    void overridesAreMergedAndAConflictIsListedInThePrBody() {
        Sources s = new Sources(tmp);
        s.writeRegistry("    auto_merge: true\n");
        var first = PublishExampleTest.cli("publish", "--source", s.source.toString(), "--rule", "copy-docs", "--version", "v2.3.0");
        assertThat(first.code()).as(first.out() + first.err()).isEqualTo(ExitCodes.OK);
        String guide23 = s.show("org/webapp", "main", "handbook/guide.md");
        String api = s.show("org/webapp", "main", "reference/api.md");
        Path work = tmp.resolve("webapp-work");
        CGit.run(tmp, "clone", "-q", s.downstreams.get("org/webapp").toString(), work.toString());
        String[] guideLines = guide23.split("\n", -1);
        guideLines[2] = "Our own text, see the API.";
        VaultFiles.write(work, ".agent33-overrides/handbook/guide.md", String.join("\n", guideLines));
        VaultFiles.write(work, ".agent33-overrides/reference/api.md", api + "\nLocal note: our API gateway adds auth.\n");
        CGit.run(work, "add", "-A");
        CGit.run(work, "commit", "-qm", "our overrides");
        CGit.run(work, "push", "-q", "origin", "main");
        String mainBefore = CGit.run(s.downstreams.get("org/webapp"), "rev-parse", "main");

        var second = PublishExampleTest.cli("publish", "--source", s.source.toString(), "--rule", "copy-docs", "--version", "v2.4.0");

        assertThat(second.code()).as(second.out() + second.err()).isEqualTo(ExitCodes.CONFLICTS);
        String branch = "agent33-sync/v2.4.0/copy-docs";
        String upstream = "Read the [API](../reference/api.md#calls) first, then the plan.\n"
                + "Upstream: [home](https://example.org/agent33).\n";
        assertThat(s.show("org/webapp", branch, "handbook/guide.md")).isEqualTo("# Guide\n\n<<<<<<< override\n"
                + "Our own text, see the API.\n=======\n" + upstream + ">>>>>>> upstream\n");
        assertThat(s.show("org/webapp", branch, "reference/api.md")).isEqualTo(api + "\nLocal note: our API gateway adds auth.\n");
        assertThat(s.show("org/webapp", branch, ".agent33-sync-state/copy-docs/snapshot/handbook/guide.md"))
                .as("the snapshot is the upstream output, the next merge's base").isEqualTo("# Guide\n\n" + upstream);
        assertThat(second.out()).contains("CONFLICT handbook/guide.md:3-").contains("auto-merge: not merged: 1 merge conflicts");
        assertThat(CGit.run(s.downstreams.get("org/webapp"), "rev-parse", "main")).as("nothing merged").isEqualTo(mainBefore);
        String body = SyncLedger.read(SyncLedger.file(s.source.resolve(".git"), "agent33")).find("copy-docs", "org/webapp")
                .orElseThrow().prBody();
        assertThat(second.out()).contains("CONFLICT handbook/guide.md:3-8: both changed");
        assertThat(body).contains("### Merge conflicts with overrides").contains("| `handbook/guide.md` | 3-8 | both changed |")
                .doesNotContain("| `reference/api.md`");
        s.fsckAll();
    }
}
