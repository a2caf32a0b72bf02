package io.vaultsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.conflict.CardFiles;
import io.vaultsync.conflict.ConflictKind;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.VaultFiles;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.Role;
import io.vaultsync.fixtures.PlainHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code init} on a repository made with plain C git (history, no policy): the audit's findings, its exit
 * code, a remote left as it was; with {@code --accept-history} the policy commit on top of the old history and
 * a card; a clean history adopted without one; then the cloud agent and syncs both ways. (The log's side of
 * "never the secret" is {@code AdoptHistoryLogTest} in local-agent, where Logback is.)
 */
class InitHistoryCliTest {
    @TempDir
    Path root;

    @Test
    void findingsStopInitWithTheirExitCodeAndPushNothing() throws IOException {
        PlainHistory h = PlainHistory.create(root, true);
        String refs = h.refs();

        CliRun r = init(Role.LOCAL, root.resolve("vault"), h);

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.HISTORY_SECRETS);
        String first = h.secretsCommit().substring(0, 10);
        assertThat(r.out()).contains(".env  first in " + first + " \"add the config\"  rule deny:.env*",
                PlainHistory.TOKEN_FILE + "  first in " + first + " \"add the config\"  rule content:github-token",
                "git filter-repo", "rotate");
        assertThat(r.out().split("rotate every credential", -1)).as("the advice, once").hasSize(2);
        assertThat(r.err()).contains("2 secrets in the history of", "nothing was pushed", "--accept-history");
        assertThat(r.out() + r.err()).doesNotContain(h.token());
        assertThat(h.refs()).isEqualTo(refs);
        assertThat(root.resolve("vault")).doesNotExist();
    }

    @Test
    void acceptHistoryAdoptsOnTopOfTheOldHistoryAndKeepsTheFindingsAsACard() throws IOException {
        PlainHistory h = PlainHistory.create(root, true);
        String old = h.head();
        Path vault = root.resolve("vault");

        CliRun r = init(Role.LOCAL, vault, h, "--accept-history");

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("made a vault of the history of", "rule content:github-token");
        assertThat(CGit.run(h.remote(), "rev-parse", "main^").trim()).isEqualTo(old);
        assertThat(CGit.run(h.remote(), "rev-list", "--count", "main").trim()).isEqualTo("5");
        Map<String, String> files = RemoteTree.files(h.remote(), "main");
        assertThat(files).containsKeys(Policy.PATH, ".gitignore", "Dashboard.md", "Needs_Action/.gitkeep",
                "notes/first.md", "projects/house/plan.md", "notes/second.md");
        var cards = CardFiles.open(vault);
        assertThat(cards).singleElement().satisfies(e -> {
            assertThat(e.card().kind()).isEqualTo(ConflictKind.HISTORY_SECRETS);
            assertThat(e.card().createdBy()).isEqualTo("local_agent");
            assertThat(files).containsKey(e.file());
            assertThat(files.get(e.file())).contains(".env", PlainHistory.TOKEN_FILE, "content:github-token",
                    h.secretsCommit().substring(0, 10), "git filter-repo").doesNotContain(h.token());
        });
        assertThat(r.out() + r.err()).doesNotContain(h.token());
        assertThat(CGit.run(vault, "status", "--porcelain")).isEmpty();
        CGit.assertFsckStrict(h.remote());

        String id = cards.get(0).card().id();
        CliRun closed = TestCli.run(Role.LOCAL, "resolve", id, "--keep", "skip", "--vault", vault.toString());
        assertThat(closed.code()).as(closed.out() + closed.err()).isZero();
        assertThat(CardFiles.open(vault)).isEmpty();
        assertThat(RemoteTree.files(h.remote(), "main").get(cards.get(0).file())).contains("status: resolved",
                PlainHistory.TOKEN_FILE + "  first in").doesNotContain(h.token());
    }

    @Test
    void aCleanHistoryIsAdoptedWithoutAStopOrACard() throws IOException {
        PlainHistory h = PlainHistory.create(root, false);
        String old = h.head();
        Path vault = root.resolve("vault");

        CliRun r = init(Role.LOCAL, vault, h);

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("no secrets found").doesNotContain("filter-repo");
        assertThat(CGit.run(h.remote(), "rev-parse", "main^").trim()).isEqualTo(old);
        assertThat(CardFiles.all(vault)).isEmpty();
        assertThat(RemoteTree.files(h.remote(), "main").keySet()).noneMatch(p -> p.startsWith("Pending_Approval/conflicts/")
                && p.endsWith(".md"));
        CGit.assertFsckStrict(h.remote());
    }

    @Test
    void anExistingCloneIsLeftAsItWasWhenStoppedAndAdoptedInPlaceWhenAccepted() throws IOException {
        PlainHistory h = PlainHistory.create(root, true);
        Path clone = root.resolve("clone");
        CGit.run(root, "clone", "-q", h.remote().toString(), clone.toString());
        VaultFiles.write(clone, "notes/draft.md", "not committed yet\n");
        Map<String, String> before = workTree(clone);
        String refs = h.refs();

        CliRun stopped = init(Role.LOCAL, clone, h);

        assertThat(stopped.code()).as(stopped.out() + stopped.err()).isEqualTo(ExitCodes.HISTORY_SECRETS);
        assertThat(workTree(clone)).isEqualTo(before);
        assertThat(h.refs()).isEqualTo(refs);
        assertThat(clone.resolve(".git/vaultsync/agent.yaml")).doesNotExist();

        CliRun adopted = init(Role.LOCAL, clone, h, "--accept-history");

        assertThat(adopted.code()).as(adopted.out() + adopted.err()).isZero();
        assertThat(clone.resolve(Policy.PATH)).isRegularFile();
        assertThat(CGit.run(clone, "rev-parse", "HEAD").trim()).isEqualTo(h.head());
        assertThat(CGit.run(clone, "status", "--porcelain")).isEqualTo("?? notes/draft.md\n");
        assertThat(VaultFiles.read(clone, "notes/draft.md")).isEqualTo("not committed yet\n");
        CGit.assertFsckStrict(h.remote());
    }

    @Test
    void theCloudAgentIsToldToLetTheLocalAgentAdoptFirst() {
        PlainHistory h = PlainHistory.create(root, false);
        String refs = h.refs();

        CliRun r = init(Role.CLOUD, root.resolve("cloud"), h);

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_VAULT);
        assertThat(r.err()).contains("has history but no " + Policy.PATH, "local-agent init", "first")
                .doesNotContain(root.resolve("cloud").toString());
        assertThat(h.refs()).isEqualTo(refs);
        assertThat(root.resolve("cloud")).doesNotExist();
    }

    @Test
    void afterAdoptionTheCloudAgentInitsAndBothSidesSync() throws IOException {
        PlainHistory h = PlainHistory.create(root, true);
        Path local = root.resolve("local");
        Path cloud = root.resolve("cloud");
        assertThat(init(Role.LOCAL, local, h, "--accept-history").code()).isZero();

        CliRun c = init(Role.CLOUD, cloud, h);

        assertThat(c.code()).as(c.out() + c.err()).isZero();
        assertThat(c.out()).contains("cloned");
        VaultFiles.write(cloud, "Needs_Action/task.md", "# A task\n");
        assertThat(TestCli.run(Role.CLOUD, "sync", "--vault", cloud.toString()).code()).isZero();
        assertThat(TestCli.run(Role.LOCAL, "sync", "--vault", local.toString()).code()).isZero();
        assertThat(VaultFiles.read(local, "Needs_Action/task.md")).isEqualTo("# A task\n");
        VaultFiles.write(local, "Done/report.md", "done\n");
        assertThat(TestCli.run(Role.LOCAL, "sync", "--vault", local.toString()).code()).isZero();
        assertThat(TestCli.run(Role.CLOUD, "sync", "--vault", cloud.toString()).code()).isZero();
        assertThat(VaultFiles.read(cloud, "Done/report.md")).isEqualTo("done\n");
        assertThat(VaultFiles.read(cloud, "notes/first.md")).isEqualTo("# First\n\nSome notes.\n");
        assertThat(CardFiles.open(local)).as("the old commits are no one's violation").extracting(e -> e.card().kind())
                .containsExactly(ConflictKind.HISTORY_SECRETS);
        assertThat(CardFiles.open(cloud)).extracting(e -> e.card().kind()).containsExactly(ConflictKind.HISTORY_SECRETS);
        CGit.assertFsckStrict(h.remote());
    }

    private static CliRun init(Role role, Path vault, PlainHistory h, String... more) {
        String[] args = Stream.concat(Stream.of("init", "--vault", vault.toString(), "--remote", h.remote().toString()),
                Stream.of(more)).toArray(String[]::new);
        return TestCli.run(role, args);
    }

    /** Every file of the work tree (not .git) and its text. */
    private static Map<String, String> workTree(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                String rel = dir.relativize(p).toString();
                if (!rel.startsWith(".git/")) out.put(rel, Files.readString(p));
            }
        }
        return out;
    }
}
