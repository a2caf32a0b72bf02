package io.vaultsync.distribution.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.distribution.decisions.DecisionsLog;
import io.vaultsync.distribution.decisions.DownstreamRepo;
import io.vaultsync.distribution.fixtures.SyncWorld;
import io.vaultsync.distribution.state.DownstreamState;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.distribution.strategy.Hashes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overrides through a real sync: upstream-only change taken, override-only change kept, a change on both
 * sides left as conflict markers on the PR branch and listed in the PR body; then {@code resolve}.
 */
class OverrideSyncEndToEndTest {
    static final String BRANCH = "agent33-sync/v2.4.0/copy-docs";
    static final String A = "# A\nalpha\nbeta\ngamma\ndelta\n";
    static final String B = "# B\none\ntwo\nthree\nfour\n";
    static final String C = "# C\nred\ngreen\nblue\nwhite\n";

    @TempDir
    Path tmp;
    SyncWorld w;
    String body;

    @BeforeEach
    void syncWithOverrides() throws Exception {
        w = new SyncWorld(tmp);
        w.sync("copy-docs", "v2.3.0", Map.of("docs/a.md", A, "docs/b.md", B, "docs/c.md", C), Instant.parse("2026-11-01T10:00:00Z"));
        w.edit(Map.of(".agent33-overrides/docs/b.md", B.replace("three", "three, as we say it"),
                ".agent33-overrides/docs/c.md", C.replace("green", "teal")));
        body = publish(Map.of("docs/a.md", A.replace("gamma", "GAMMA"), "docs/b.md", B, "docs/c.md", C.replace("green", "lime")));
    }

    /** What the publish pipeline does for a rule with overrides (until dpub's publish calls OverrideSync itself). */
    String publish(Map<String, String> upstreamText) {
        Map<String, byte[]> upstream = new TreeMap<>();
        upstreamText.forEach((p, c) -> upstream.put(p, c.getBytes(StandardCharsets.UTF_8)));
        try (DownstreamRepo repo = DownstreamRepo.fetch(w.remote.toString())) {
            ObjectId head = repo.head("main");
            OverrideSync.Applied applied = OverrideSync.apply(p -> repo.read(head, p), ".agent33-overrides/",
                    ".agent33-sync-state/copy-docs/snapshot/", upstream);
            Map<String, byte[]> edits = new LinkedHashMap<>(applied.written());
            TreeMap<String, String> hashes = new TreeMap<>();
            applied.written().forEach((p, b) -> hashes.put(p, Hashes.sha256(b)));
            upstream.forEach((p, b) -> edits.put(DownstreamState.snapshotPath("agent33", "copy-docs", p), b));
            edits.put(DownstreamState.path("agent33", "copy-docs"),
                    new DownstreamState("copy-docs", "b".repeat(40), "v2.4.0", Instant.parse("2026-12-01T10:00:00Z"), hashes).toYaml());
            ObjectId commit = repo.commit(head, edits, "sync(agent33): Update copy-docs from v2.4.0",
                    new PersonIdent("distribute", "distribute@agent33.invalid"));
            assertThat(repo.push(BRANCH, commit, null)).isInstanceOf(DownstreamRepo.Pushed.Done.class);
            return "sync(agent33): Update copy-docs from v2.4.0\n\n" + OverrideSync.conflictsSection(applied.conflicts());
        }
    }

    @Test
    void upstreamOnlyIsTakenOverrideOnlyIsKeptBothIsAConflictListedInThePrBody() {
        String a = CGit.run(w.remote, "show", BRANCH + ":docs/a.md");
        String b = CGit.run(w.remote, "show", BRANCH + ":docs/b.md");
        String c = CGit.run(w.remote, "show", BRANCH + ":docs/c.md");

        assertThat(a).isEqualTo(A.replace("gamma", "GAMMA"));
        assertThat(b).isEqualTo(B.replace("three", "three, as we say it"));
        assertThat(c).isEqualTo("# C\nred\n<<<<<<< override\nteal\n=======\nlime\n>>>>>>> upstream\nblue\nwhite\n");
        assertThat(body).contains("| `docs/c.md` | 3-7 | both changed |").doesNotContain("docs/a.md").doesNotContain("docs/b.md");
        CGit.assertFsckStrict(w.remote);
    }

    @Test
    void resolveKeepOverrideCommitsTheOverrideAndRecordsTheDecision() {
        String[] base = {"resolve", "--source", w.source.toString(), "--downstream", SyncWorld.DOWNSTREAM, "--rule", "copy-docs",
            "--path", "docs/c.md", "--branch", BRANCH, "--by", "Ada"};

        SyncWorld.Run manual = SyncWorld.cli(concat(base, "--decision", "manual"));
        assertThat(manual.exit()).isEqualTo(10);
        assertThat(manual.err()).contains("still holds conflict markers");
        assertThat(SyncWorld.cli(concat(base, "--decision", "ours")).exit()).isEqualTo(2);

        SyncWorld.Run run = SyncWorld.cli(concat(base, "--decision", "keep-override", "--note", "teal is our brand"));

        assertThat(run.exit()).as(run.err()).isZero();
        Map<String, String> files = RemoteTree.files(w.remote, BRANCH);
        assertThat(files.get("docs/c.md")).isEqualTo(C.replace("green", "teal"));
        assertThat(files.get(".agent33-sync-state/copy-docs/state.yaml"))
                .contains(Hashes.sha256(C.replace("green", "teal").getBytes(StandardCharsets.UTF_8)));
        assertThat(DecisionsLog.entries(files.get("DECISIONS.md"), "conflict_resolution")).singleElement().satisfies(e -> {
            assertThat(e.get("path").asText()).isEqualTo("docs/c.md");
            assertThat(e.get("rule").asText()).isEqualTo("copy-docs");
            assertThat(e.get("version").asText()).isEqualTo("v2.4.0");
            assertThat(e.get("decision").asText()).isEqualTo("keep-override");
            assertThat(e.get("by").asText()).isEqualTo("Ada");
            assertThat(e.get("note").asText()).isEqualTo("teal is our brand");
        });
        assertThat(RemoteTree.messages(w.remote, BRANCH).get(0)).startsWith("sync(agent33): Resolve docs/c.md (keep-override)");
        CGit.assertFsckStrict(w.remote);
    }

    @Test
    void resolveTakeUpstreamCommitsTheUpstreamOutputAndDryRunChangesNothing() {
        String[] base = {"resolve", "--source", w.source.toString(), "--downstream", SyncWorld.DOWNSTREAM, "--rule", "copy-docs",
            "--path", "docs/c.md", "--branch", BRANCH, "--by", "Bo", "--decision", "take-upstream"};
        String before = w.allRefs();

        SyncWorld.Run dry = SyncWorld.cli(concat(base, "--dry-run"));
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("docs/c.md (copy-docs v2.4.0): take-upstream by Bo").contains("dry run: nothing pushed");
        assertThat(w.allRefs()).isEqualTo(before);

        SyncWorld.Run run = SyncWorld.cli(base);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(RemoteTree.files(w.remote, BRANCH).get("docs/c.md")).isEqualTo(C.replace("green", "lime"));
        CGit.assertFsckStrict(w.remote);
    }

    static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
