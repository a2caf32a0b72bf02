package io.vaultsync.journal;

import static io.vaultsync.journal.JournalTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.cli.ExitCodes;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.git.CommitWriter;
import io.vaultsync.git.StagedFile;
import io.vaultsync.git.Trailers;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.policy.Role;
import io.vaultsync.sync.TestVaults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify after someone force-pushes a rewritten branch to the remote (C git): the rewrite is named, can be
 * acknowledged once, and a journal that claims what never landed still fails.
 */
class RewriteVerifyTest {
    @TempDir
    Path root;
    TestVaults v;

    @BeforeEach
    void setUp() {
        v = TestVaults.create(root);
    }

    List<JournalRecord> journal(Path vault) throws Exception {
        return Journal.read(Journal.file(vault.resolve(".git")));
    }

    CliRun verify(Role role, Path vault, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "verify";
        args[1] = "--vault";
        args[2] = vault.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        return cli(role, args);
    }

    /** A person drops the last {@code n} commits of the remote branch, commits something else and force-pushes. */
    String forcePushRewrite(int n) {
        Path human = root.resolve("human");
        CGit.run(root, "clone", "-q", v.remote().toString(), human.toString());
        CGit.run(human, "reset", "-q", "--hard", "HEAD~" + n);
        TestVaults.write(human, "Plans/rewritten.md", "history rewritten by hand\n");
        CGit.run(human, "add", "-A");
        CGit.run(human, "commit", "-qm", "rewrite history");
        CGit.run(human, "push", "-q", "--force", "origin", "main");
        return RemoteTree.head(v.remote(), "main");
    }

    @Test
    void aForcePushIsNamedAsARewriteAcknowledgedOnceAndALieStillFails() throws Exception {
        for (int i = 0; i < 3; i++) {
            TestVaults.write(v.cloud(), "Plans/p" + i + ".md", "plan " + i + "\n");
            v.syncCloud();
        }
        TestVaults.write(v.local(), "Done/d.md", "done\n");
        v.syncLocal();
        List<JournalRecord> landed = journal(v.cloud()).stream().filter(r -> r.op().equals("sync.operation.reconcile")).toList();
        String p1 = landed.get(landed.size() - 2).commit();
        String p2 = landed.get(landed.size() - 1).commit();
        String oldHead = p2; // the remote head this clone last fetched
        assertThat(verify(Role.CLOUD, v.cloud()).code()).isZero();

        String newHead = forcePushRewrite(3); // drops p1, p2 and the local agent's d.md
        assertThat(v.syncCloud().outcome().completed()).isTrue();
        CliRun named = verify(Role.CLOUD, v.cloud());
        assertThat(named.code()).as(named.out()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(named.err()).contains("the remote branch main was rewritten (a forced update): it was at " + oldHead)
                .contains(newHead + ", does not contain it").contains("2 journal records say")
                .contains(landed.get(landed.size() - 2).id(), landed.get(landed.size() - 1).id())
                .contains("acknowledge it: cloud-agent verify --vault " + v.cloud() + " --acknowledge-rewrite")
                .containsPattern("fetched at 20\\d\\d-\\d\\d-\\d\\dT");
        assertThat(verify(Role.CLOUD, v.cloud()).code()).as("every run says so until acknowledged")
                .isEqualTo(ExitCodes.VERIFY_FAILED);

        CliRun ack = verify(Role.CLOUD, v.cloud(), "--acknowledge-rewrite");
        assertThat(ack.code()).as(ack.err()).isZero();
        assertThat(ack.out()).contains("acknowledged the rewrite of main from " + oldHead + " to " + newHead);
        JournalRecord last = journal(v.cloud()).get(journal(v.cloud()).size() - 1);
        assertThat(last.op()).isEqualTo("sync.rewrite.acknowledge");
        assertThat(last.commit()).isEqualTo(newHead);
        assertThat(RewriteAck.parse(last.detail()).orElseThrow().commits()).containsExactly(p1, p2);

        CliRun clean = verify(Role.CLOUD, v.cloud());
        assertThat(clean.code()).as(clean.err()).isZero();
        assertThat(clean.out()).contains("hash chain intact")
                .contains("a rewrite of main was acknowledged at " + last.time() + ": " + oldHead.substring(0, 12) + " -> "
                        + newHead.substring(0, 12))
                .contains("2 landed records before it settled by it");
        CliRun again = verify(Role.CLOUD, v.cloud(), "--acknowledge-rewrite");
        assertThat(again.code()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(again.err()).contains("nothing to acknowledge");

        // the other agent's clone names the same rewrite for its own dropped commit
        v.syncLocal();
        CliRun local = verify(Role.LOCAL, v.local());
        assertThat(local.code()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(local.err()).contains("was rewritten (a forced update)").contains("1 journal record says");

        // a journal that claims a commit that was never anywhere fails, and cannot be acknowledged away
        String never = "0123456789abcdef0123456789abcdef01234567";
        try (VaultRepo vault = VaultRepo.open(v.cloud(), "main")) {
            new Journal(vault.gitDir(), "cloud_agent", "vm", "dev-x", Clock.systemUTC())
                    .append(Op.RECONCILE, "op-forged", List.of(), never, "landed as committed");
        }
        CliRun lie = verify(Role.CLOUD, v.cloud());
        assertThat(lie.code()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(lie.err()).contains("(op-forged) says it landed as " + never + ", which is not in this repository at all");
        byte[] before = Files.readAllBytes(Journal.file(v.cloud().resolve(".git")));
        CliRun refused = verify(Role.CLOUD, v.cloud(), "--acknowledge-rewrite");
        assertThat(refused.code()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(refused.err()).contains("op-forged").contains("not a rewrite of the remote branch: nothing acknowledged");
        assertThat(Files.readAllBytes(Journal.file(v.cloud().resolve(".git")))).isEqualTo(before);
    }

    @Test
    void aLandedCommitThatIsHereButWasNeverOnTheRemoteIsNoRewriteAndCannotBeAcknowledged() throws Exception {
        TestVaults.write(v.cloud(), "Plans/p.md", "plan\n");
        v.syncCloud();
        String local;
        try (VaultRepo vault = VaultRepo.open(v.cloud(), "main")) {
            byte[] b = "never pushed\n".getBytes(StandardCharsets.UTF_8);
            TestVaults.write(v.cloud(), "Plans/q.md", "never pushed\n");
            local = CommitWriter.commit(vault, List.of(new StagedFile("Plans/q.md", b, b.length,
                    Files.getLastModifiedTime(v.cloud().resolve("Plans/q.md")))),
                    new Trailers("cloud_agent", "vm", "op-unpushed", null).message("vaultsync: cloud_agent syncs 1 path"),
                    new PersonIdent("cloud_agent", "cloud_agent@vaultsync")).name();
            new Journal(vault.gitDir(), "cloud_agent", "vm", "dev-x", Clock.systemUTC())
                    .append(Op.RECONCILE, "op-unpushed", List.of(), local, "landed as committed");
        }
        CliRun r = verify(Role.CLOUD, v.cloud());
        assertThat(r.code()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(r.err()).contains("says it landed as " + local + ", which is not on the remote branch main")
                .contains("no forced update").doesNotContain("--acknowledge-rewrite");
        CliRun ack = verify(Role.CLOUD, v.cloud(), "--acknowledge-rewrite");
        assertThat(ack.code()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(ack.err()).contains("nothing acknowledged");
        assertThat(journal(v.cloud())).noneMatch(x -> x.op().equals("sync.rewrite.acknowledge"));
    }
}
