package io.vaultsync.sync;

import static io.vaultsync.sync.TestVaults.read;
import static io.vaultsync.sync.TestVaults.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.VaultStateException;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.git.sign.SigningKey;
import io.vaultsync.policy.AllowedSigners;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.PolicyLoader;
import io.vaultsync.policy.SshPublicKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both agents sign every commit; the local agent lists the keys; C git verifies with the vault's allowed_signers. */
class SignedCommitsTest {
    @TempDir
    Path root;
    TestVaults v;

    @BeforeEach
    void setUp() {
        v = TestVaults.create(root);
    }

    private static SshPublicKey keyOf(Path vault) {
        return SigningKey.load(vault.resolve(".git")).orElseThrow().publicKey();
    }

    private KeyChanges.Change trustAsLocal(String agent, SshPublicKey key) throws IOException {
        try (VaultRepo repo = VaultRepo.open(v.local(), "main")) {
            return new KeyChanges(repo, v.localAgent(), Clock.systemUTC()).trust(agent, key);
        }
    }

    @Test
    void bothAgentsCommitsVerifyWithCGitAgainstTheVaultsAllowedSigners() throws IOException {
        String seedHead = CGit.run(v.local(), "rev-parse", "HEAD").strip();
        KeyChanges.Change trusted = trustAsLocal("cloud_agent", keyOf(v.cloud()));
        v.syncLocal();
        write(v.cloud(), "Needs_Action/email/hello.md", "# hello\n");
        v.syncCloud();
        v.syncLocal();
        write(v.local(), "Dashboard.md", "# seen hello\n");
        v.syncLocal();
        v.syncCloud();

        Policy policy = PolicyLoader.load(v.local().resolve(Policy.PATH));
        assertThat(trusted.changed()).isTrue();
        assertThat(policy.agent("cloud_agent").orElseThrow().signingKeyList()).singleElement()
                .matches(k -> k.sameKey(keyOf(v.cloud())));
        assertThat(policy.agent("local_agent").orElseThrow().signingKeyList()).singleElement()
                .matches(k -> k.sameKey(keyOf(v.local())));
        assertThat(policy.signaturesFrom()).contains(seedHead);
        assertThat(read(v.cloud(), AllowedSigners.PATH)).isEqualTo(AllowedSigners.render(policy))
                .contains("cloud_agent@vaultsync namespaces=\"git\" ssh-ed25519 ");
        String[] commits = CGit.run(v.cloud(), "rev-list", "HEAD").strip().split("\n");
        assertThat(commits.length).isGreaterThanOrEqualTo(4);
        String allowed = "gpg.ssh.allowedSignersFile=" + AllowedSigners.PATH;
        for (String sha : commits) {
            CGit.Output o = CGit.tryRun(v.cloud(), "-c", allowed, "verify-commit", sha);
            String committer = CGit.run(v.cloud(), "log", "-1", "--format=%ce", sha).strip();
            assertThat(o.exitCode()).as("verify-commit %s by %s: %s", sha, committer, o.stderr()).isZero();
            assertThat(o.stderr()).contains("Good \"git\" signature for " + committer + " with ED25519 key");
        }
        String log = CGit.run(v.cloud(), "-c", allowed, "log", "--show-signature", "--format=%H %ce");
        assertThat(log).contains("Good \"git\" signature for cloud_agent@vaultsync")
                .contains("Good \"git\" signature for local_agent@vaultsync").doesNotContain("No signature");
        CGit.assertFsckStrict(v.remote());
    }

    @Test
    void replayedAndRestoringCommitsAreSignedByTheAgentThatMadeThem() throws IOException {
        trustAsLocal("cloud_agent", keyOf(v.cloud()));
        v.syncLocal();
        v.syncCloud();
        String before = CGit.run(v.cloud(), "rev-parse", "HEAD").strip();
        write(v.cloud(), "Plans/p.md", "# plan\n");
        write(v.local(), "Done/d.md", "# done\n");
        v.syncCloud();
        v.syncLocal(); // the local commit is replayed on top of the cloud's
        v.pushAsHuman("Dashboard.md", "# forged by hand\n");
        v.syncLocal(); // restores its Dashboard.md with a commit of its own
        v.syncCloud();

        String allowed = "gpg.ssh.allowedSignersFile=" + AllowedSigners.PATH;
        String[] commits = CGit.run(v.cloud(), "rev-list", "--committer=@vaultsync", before + "..HEAD").strip().split("\n");
        assertThat(CGit.run(v.cloud(), "log", "--format=%s", before + "..HEAD")).contains("restores");
        assertThat(commits.length).isGreaterThanOrEqualTo(3);
        for (String sha : commits) {
            CGit.Output o = CGit.tryRun(v.cloud(), "-c", allowed, "verify-commit", sha);
            assertThat(o.exitCode()).as("verify-commit %s: %s", sha, o.stderr()).isZero();
        }
        String human = CGit.run(v.cloud(), "log", "-1", "--format=%H", "--author=Human").strip();
        assertThat(CGit.tryRun(v.cloud(), "-c", allowed, "verify-commit", human).exitCode()).isNotZero();
    }

    @Test
    void aLocalAgentThatSeedsListsItsOwnKeyGivenByInitAndSignsTheSeed() throws IOException {
        Path remote = CGit.initBare(root.resolve("fresh.git"));
        Path given = root.resolve("given");
        java.nio.file.Files.createDirectories(given.resolve(".git"));
        SigningKey mine = SigningKey.ensure(given.resolve(".git")).key();
        Path desk = root.resolve("desk");

        new VaultInit(Clock.systemUTC()).signingKey(mine.file())
                .init(desk, remote.toString(), "local_agent", io.vaultsync.policy.Role.LOCAL, "desktop", "main");

        assertThat(keyOf(desk).sameKey(mine.publicKey())).isTrue();
        Policy policy = PolicyLoader.load(desk.resolve(Policy.PATH));
        assertThat(policy.agent("local_agent").orElseThrow().signingKeyList()).singleElement().matches(mine.publicKey()::sameKey);
        assertThat(policy.signaturesFrom()).isEmpty();
        assertThat(read(desk, AllowedSigners.PATH)).isEqualTo(AllowedSigners.render(policy));
        CGit.Output o = CGit.tryRun(desk, "-c", "gpg.ssh.allowedSignersFile=" + AllowedSigners.PATH, "verify-commit", "HEAD");
        assertThat(o.exitCode()).as(o.stderr()).isZero();
    }

    @Test
    void revokeMovesAKeyAndTheAllowedSignersFollow() throws IOException {
        SshPublicKey cloud = keyOf(v.cloud());
        trustAsLocal("cloud_agent", cloud);

        KeyChanges.Change revoked;
        try (VaultRepo repo = VaultRepo.open(v.local(), "main")) {
            revoked = new KeyChanges(repo, v.localAgent(), Clock.systemUTC()).revoke("cloud_agent", cloud);
        }

        assertThat(revoked.after().agent("cloud_agent").orElseThrow().signingKeys()).isEmpty();
        assertThat(revoked.after().agent("cloud_agent").orElseThrow().revokedKeys()).containsExactly(cloud.line());
        assertThat(read(v.local(), AllowedSigners.PATH)).doesNotContain("cloud_agent@vaultsync namespaces")
                .contains("# revoked: cloud_agent@vaultsync " + cloud.keyOnly());
        assertThatThrownBy(() -> trustAsLocal("cloud_agent", cloud)).isInstanceOf(VaultStateException.class)
                .hasMessageContaining("was revoked");
        assertThat(CGit.run(v.local(), "status", "--porcelain")).isEmpty();
    }

    @Test
    void onlyTheLocalAgentChangesKeysAndTrustingTwiceChangesNothing() throws IOException {
        try (VaultRepo repo = VaultRepo.open(v.cloud(), "main")) {
            assertThatThrownBy(() -> new KeyChanges(repo, v.cloudAgent(), Clock.systemUTC()))
                    .isInstanceOf(VaultStateException.class).hasMessageContaining("only the local agent");
        }
        trustAsLocal("cloud_agent", keyOf(v.cloud()));

        assertThat(trustAsLocal("cloud_agent", keyOf(v.cloud())).changed()).isFalse();
        assertThatThrownBy(() -> trustAsLocal("nobody", keyOf(v.cloud()))).isInstanceOf(VaultStateException.class)
                .hasMessageContaining("no agent 'nobody'");
        assertThat(List.of(CGit.run(v.local(), "log", "--format=%s").split("\n")))
                .filteredOn(s -> s.contains("trusts a signing key")).hasSize(1);
    }
}
