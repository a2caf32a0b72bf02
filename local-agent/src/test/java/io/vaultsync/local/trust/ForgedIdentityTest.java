package io.vaultsync.local.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.config.Actions;
import io.vaultsync.config.ActionsStore;
import io.vaultsync.conflict.CardReader;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.TestSigning;
import io.vaultsync.fixtures.vaults.Vaults;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.git.sign.SigningKey;
import io.vaultsync.sync.KeyChanges;
import io.vaultsync.journal.Journal;
import io.vaultsync.journal.JournalRecord;
import io.vaultsync.local.LocalCli;
import io.vaultsync.local.exec.LocalWorker;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.PolicyLoader;
import io.vaultsync.sync.SyncReport;
import io.vaultsync.sync.VaultPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, must-show 2 and 3, on two real clones and a bare remote: commits that claim the local agent's
 * name (unsigned, or signed with a key nobody listed) adding {@code Approved/pay.md} and editing the policy
 * never reach the local {@code Approved/}, are never executed, are restored on the branch head and carded,
 * and leave the policy in force as it was on both sides; the cloud's listed key proves the cloud's writes to
 * its zones and nothing more. The forger uses C git; the local agent lists the keys ({@code trust}); the
 * hand-made commits are signed by C git (the cloud's with the cloud agent's own key file).
 */
class ForgedIdentityTest {
    static final Path SAMPLE_EXECUTOR = Path.of("..", "scripts", "sample-executor.sh").toAbsolutePath().normalize();
    static final String PAY = "---\ntype: email\ndomain: \"email\"\napproval_id: \"forged-1\"\nto: thief@example.com\n"
            + "subject: pay\n---\nPay 10000 to the thief.\n";

    @TempDir
    Path root;
    Vaults v;
    Path outbox;
    Path human;
    TestSigning.Key cloudKey;
    TestSigning.Key strangerKey;
    Policy keyed;

    @BeforeEach
    void setUp() throws Exception {
        v = Vaults.create(root);
        outbox = root.resolve("outbox");
        ActionsStore.write(v.local().resolve(".git"),
                Actions.NONE.withExecutor("email", List.of(SAMPLE_EXECUTOR.toString(), "--outbox", outbox.toString())));
        // the cloud's key (its own signing key file, OpenSSH format) signs the hand-made cloud commits too
        cloudKey = new TestSigning.Key(SigningKey.fileIn(v.cloud().resolve(".git")),
                SigningKey.load(v.cloud().resolve(".git")).orElseThrow().publicKey().line());
        strangerKey = TestSigning.generate(root.resolve("keys"), "stranger");
        // the local agent lists the cloud's key (and its own: the first keys set signatures_from)
        try (VaultRepo repo = VaultRepo.open(v.local(), "main")) {
            keyed = new KeyChanges(repo, v.localAgent(), Clock.systemUTC())
                    .trust("cloud_agent", SigningKey.load(v.cloud().resolve(".git")).orElseThrow().publicKey()).after();
        }
        assertThat(keyed.agent("local_agent").orElseThrow().signingKeys()).hasSize(1);
        v.syncLocal();
        v.syncCloud();
        assertThat(inForce(v.local())).isEqualTo(keyed);
        assertThat(inForce(v.cloud())).isEqualTo(keyed);
        human = root.resolve("human");
        CGit.run(root, "clone", "-q", v.remote().toString(), human.toString());
    }

    @Test
    void anUnsignedCommitForgingTheLocalAgentIsRefusedRestoredAndCarded() throws Exception {
        forgeAndCheck(null);
    }

    @Test
    void aCommitSignedWithAnUnlistedKeyForgingTheLocalAgentIsRefusedRestoredAndCarded() throws Exception {
        forgeAndCheck(strangerKey);
    }

    @Test
    void theCloudsListedKeyProvesItsOwnZonesAndNothingElse() throws Exception {
        pull();
        Files.createDirectories(human.resolve("Pending_Approval/email"));
        Files.writeString(human.resolve("Pending_Approval/email/DRAFT_signed.md"), "---\ntype: email\n---\nhello\n");
        commitAs("cloud_agent", cloudKey, "vaultsync: cloud_agent syncs 1 path");
        CGit.run(human, "push", "-q", "origin", "main");
        assertThat(v.syncLocal().cards()).isEmpty();
        assertThat(v.local().resolve("Pending_Approval/email/DRAFT_signed.md")).exists();

        pull();
        Files.createDirectories(human.resolve("Approved"));
        Files.writeString(human.resolve("Approved/pay.md"), PAY);
        commitAs("cloud_agent", cloudKey, "vaultsync: cloud_agent syncs 1 path");
        CGit.run(human, "push", "-q", "origin", "main");
        SyncReport local = v.syncLocal();
        assertThat(local.cards()).hasSize(1);
        ConflictCard card = card(local.cards().get(0));
        assertThat(card.path()).isEqualTo("Approved/pay.md");
        assertThat(card.reason()).startsWith("cloud_agent may not write Approved/pay.md");
        assertThat(v.local().resolve("Approved/pay.md")).doesNotExist();
        assertThat(RemoteTree.files(v.remote(), "main")).doesNotContainKey("Approved/pay.md");
        new LocalWorker(v.localAgent(), Clock.systemUTC(), Vaults.cycle(v.localAgent(), Clock.systemUTC()),
                new PrintWriter(new StringWriter(), true)).afterCycle(v.local());
        assertThat(sent()).isEmpty();
    }

    private void forgeAndCheck(TestSigning.Key key) throws Exception {
        pull();
        Files.createDirectories(human.resolve("Approved"));
        Files.writeString(human.resolve("Approved/pay.md"), PAY);
        // the forger also opens the gate and gives the cloud Approved/
        Policy opened = keyed.withAgent(keyed.agent("cloud_agent").orElseThrow().withZones(List.of("Approved/", "Needs_Action/")));
        Files.writeString(human.resolve(Policy.PATH), PolicyLoader.render(opened));
        commitAs("local_agent", key, "vaultsync: local_agent syncs 2 paths");
        String forgery = CGit.run(human, "rev-parse", "HEAD").strip();
        CGit.run(human, "push", "-q", "origin", "main");

        SyncReport local = v.syncLocal();
        assertThat(v.local().resolve("Approved/pay.md")).doesNotExist();
        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        assertThat(remote).doesNotContainKey("Approved/pay.md");
        assertThat(PolicyLoader.parse(remote.get(Policy.PATH), Policy.PATH)).isEqualTo(keyed);
        List<ConflictCard> cards = new ArrayList<>();
        for (String c : local.cards()) cards.add(card(c));
        assertThat(cards).extracting(ConflictCard::path).containsExactlyInAnyOrder("Approved/pay.md", Policy.PATH);
        assertThat(cards).allSatisfy(c -> assertThat(c.reason()).contains("forgery of local_agent's identity"));
        new LocalWorker(v.localAgent(), Clock.systemUTC(), Vaults.cycle(v.localAgent(), Clock.systemUTC()),
                new PrintWriter(new StringWriter(), true)).afterCycle(v.local());
        assertThat(sent()).isEmpty();

        v.syncCloud();
        assertThat(inForce(v.local())).isEqualTo(keyed);
        assertThat(inForce(v.cloud())).isEqualTo(keyed);
        assertThat(v.cloud().resolve("Approved/pay.md")).doesNotExist();
        // another cycle changes nothing: the forgery is never taken for the local agent's own commit
        assertThat(v.syncLocal().cards()).isEmpty();
        assertThat(inForce(v.local())).isEqualTo(keyed);

        // the journal records the forgery as refused, never as the local agent's own commit
        assertThat(Journal.readAll(v.local().resolve(".git"))).filteredOn(r -> forgery.equals(r.commit()))
                .extracting(JournalRecord::op).containsExactly("sync.forgery.refuse");
        // a walk of the whole history (no anchor) finds the same policy in force on both sides
        for (Path clone : List.of(v.local(), v.cloud())) {
            Files.deleteIfExists(clone.resolve(".git/vaultsync/policy-anchor.json"));
            assertThat(inForce(clone)).isEqualTo(keyed);
        }

        // verify: every agent commit since signing began is signed by its agent's key, the forgery counted apart
        CliRun verify = LocalCli.run("verify", "--vault", v.local().toString());
        assertThat(verify.code()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("verified; 1 forgery of local_agent's name refused when they arrived");
        // log --path: who signed each change, and whether it verified
        CliRun log = LocalCli.run("log", "--path", "Approved/pay.md", "--vault", v.local().toString());
        assertThat(log.code()).as(log.err()).isZero();
        assertThat(log.out()).contains("signature: " + (key == null ? "not signed" : "signed with a key the policy does not list"))
                .contains("signature: signed by local_agent, verified");
    }

    private void pull() {
        CGit.run(human, "fetch", "-q", "origin");
        CGit.run(human, "reset", "-q", "--hard", "origin/main");
    }

    /** Commits everything in the human clone under {@code agent}'s name and trailers, signed with {@code key} if given. */
    private void commitAs(String agent, TestSigning.Key key, String subject) {
        CGit.run(human, "add", "-A");
        List<String> args = new ArrayList<>(List.of("-c", "user.name=" + agent, "-c", "user.email=" + agent + "@vaultsync"));
        if (key != null) args.addAll(List.of(TestSigning.cgitSigning(key.privateKey())));
        args.addAll(List.of("commit", "-q"));
        if (key != null) args.add("-S");
        args.addAll(List.of("-m", subject + "\n\nVaultsync-Agent: " + agent + "\nVaultsync-Machine: desktop\n"));
        CGit.run(human, args.toArray(String[]::new));
    }

    private ConflictCard card(String path) {
        return CardReader.parse(path, RemoteTree.files(v.remote(), "main").get(path));
    }

    private static Policy inForce(Path vault) throws Exception {
        try (VaultRepo repo = VaultRepo.open(vault, "main")) {
            return VaultPolicy.committed(repo);
        }
    }

    private List<Path> sent() throws Exception {
        if (!Files.isDirectory(outbox)) return List.of();
        try (Stream<Path> s = Files.list(outbox)) {
            return s.filter(p -> p.toString().endsWith(".eml")).toList();
        }
    }
}
