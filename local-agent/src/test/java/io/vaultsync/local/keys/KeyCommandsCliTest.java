package io.vaultsync.local.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.cli.AgentExtension;
import io.vaultsync.cli.ExitCodes;
import io.vaultsync.fixtures.AgentCliRuns;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.fixtures.VaultFiles;
import io.vaultsync.fixtures.vaults.Vaults;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.git.sign.SigningKey;
import io.vaultsync.local.LocalCli;
import io.vaultsync.policy.AllowedSigners;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.PolicyLoader;
import io.vaultsync.policy.Role;
import io.vaultsync.policy.SshPublicKey;
import io.vaultsync.sync.VaultPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trust, rotate-key, revoke-key and trust --confirm through the CLIs, with real clones and C git. */
class KeyCommandsCliTest {
    private static final String ALLOWED = "gpg.ssh.allowedSignersFile=" + AllowedSigners.PATH;

    @TempDir
    Path root;
    Vaults v;

    @BeforeEach
    void setUp() {
        v = Vaults.create(root);
    }

    private static SshPublicKey keyOf(Path vault) {
        return SigningKey.load(vault.resolve(".git")).orElseThrow().publicKey();
    }

    private static CliRun local(String... args) {
        return LocalCli.run(args);
    }

    private static CliRun cloud(String... args) {
        return AgentCliRuns.run(Role.CLOUD, AgentExtension.NONE, args);
    }

    private static CGit.Output verifyHead(Path vault) {
        return CGit.tryRun(vault, "-c", ALLOWED, "verify-commit", "HEAD");
    }

    @Test
    void cloudInitPrintsTheTrustCommandThatTheLocalAgentRuns() {
        Path other = root.resolve("cloud2");
        CliRun init = cloud("init", "--vault", other.toString(), "--remote", v.remote().toString(), "--agent", "cloud_agent");
        assertThat(init.code()).as(init.err()).isZero();
        String command = "local-agent trust cloud_agent --key '" + keyOf(other).line() + "'";
        assertThat(init.out()).contains(command).contains("signs its commits with " + keyOf(other).line())
                .doesNotContain("PRIVATE KEY");

        CliRun trust = local("trust", "cloud_agent", "--key", keyOf(other).line(), "--vault", v.local().toString());

        assertThat(trust.code()).as(trust.err() + trust.out()).isEqualTo(ExitCodes.OK);
        assertThat(trust.out()).contains("+ cloud_agent " + keyOf(other).line(), "+ local_agent " + keyOf(v.local()).line());
        assertThat(CGit.run(v.remote(), "log", "--format=%s", "main")).contains("local_agent trusts a signing key of cloud_agent");
        v.syncCloud();
        VaultFiles.write(other, "Needs_Action/email/a.md", "# a\n");
        assertThat(Vaults.sync(SettingsOf.read(other), other).outcome().completed()).isTrue();
        assertThat(verifyHead(other).exitCode()).as(verifyHead(other).stderr()).isZero();
    }

    @Test
    void aKeyLineThatIsNotEd25519IsRefusedAndTheCloudCannotTrustAKey() {
        CliRun bad = local("trust", "cloud_agent", "--key", "ssh-rsa AAAAB3NzaC1yc2E", "--vault", v.local().toString());
        CliRun fromCloud = cloud("trust", "cloud_agent", "--key", keyOf(v.cloud()).line(), "--vault", v.cloud().toString());

        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("only ssh-ed25519 keys are accepted");
        assertThat(fromCloud.code()).isNotZero();
        assertThat(fromCloud.err()).contains("only the local agent changes the policy's keys");
    }

    @Test
    void localRotationListsTheNewKeyWithTheOldOneThenRevokeDropsTheOld() throws Exception {
        local("trust", "cloud_agent", "--key", keyOf(v.cloud()).line(), "--vault", v.local().toString());
        SshPublicKey old = keyOf(v.local());

        CliRun rotate = local("rotate-key", "--vault", v.local().toString());

        assertThat(rotate.code()).as(rotate.err() + rotate.out()).isZero();
        SshPublicKey now = keyOf(v.local());
        assertThat(now.sameKey(old)).isFalse();
        String listing = CGit.run(v.local(), "log", "--format=%H", "--grep=lists its new signing key").strip();
        CGit.Output signedByOld = CGit.tryRun(v.local(), "-c", ALLOWED, "verify-commit", listing);
        assertThat(signedByOld.stderr()).contains("Good").contains(fingerprintHint(old));
        Policy policy = PolicyLoader.load(v.local().resolve(Policy.PATH));
        assertThat(policy.agent("local_agent").orElseThrow().signingKeyList()).hasSize(2);
        VaultFiles.write(v.local(), "Dashboard.md", "# after rotation\n");
        v.syncLocal();
        assertThat(verifyHead(v.local()).exitCode()).isZero();

        CliRun revoke = local("revoke-key", "local_agent", "--key", old.line(), "--vault", v.local().toString());

        assertThat(revoke.code()).as(revoke.err() + revoke.out()).isZero();
        policy = PolicyLoader.load(v.local().resolve(Policy.PATH));
        assertThat(policy.agent("local_agent").orElseThrow().signingKeyList()).singleElement().matches(now::sameKey);
        assertThat(policy.agent("local_agent").orElseThrow().revokedKeyList()).singleElement().matches(old::sameKey);
        assertThat(verifyHead(v.local()).exitCode()).isZero();
    }

    @Test
    void aRevokedKeysNewCommitsAreRefusedWhileItsEarlierOnesStood() throws Exception {
        local("trust", "cloud_agent", "--key", keyOf(v.cloud()).line(), "--vault", v.local().toString());
        SshPublicKey old = keyOf(v.local());
        assertThat(local("rotate-key", "--vault", v.local().toString()).code()).isZero();
        v.syncCloud();
        try (VaultRepo repo = VaultRepo.open(v.cloud(), "main")) {
            // the listing of the new key was signed with the old one: the cloud took it while the old key was listed
            assertThat(VaultPolicy.committed(repo).agent("local_agent").orElseThrow().signingKeyList()).hasSize(2);
        }
        assertThat(local("revoke-key", "local_agent", "--key", old.line(), "--vault", v.local().toString()).code()).isZero();
        v.syncCloud();

        // someone holding the revoked key lets the cloud write Approved/, signed as the local agent with that key
        Path forger = root.resolve("forger");
        CGit.run(root, "clone", "-q", v.remote().toString(), forger.toString());
        Path file = forger.resolve(Policy.PATH);
        Policy was = PolicyLoader.load(file);
        var cloudSpec = was.agent("cloud_agent").orElseThrow();
        var zones = new java.util.ArrayList<>(cloudSpec.zones());
        zones.add("Approved/");
        Files.writeString(file, PolicyLoader.render(was.withAgent(cloudSpec.withZones(zones))));
        Path oldKey = v.local().resolve(".git/vaultsync/signing_key.old");
        CGit.run(forger, "-c", "user.name=local_agent", "-c", "user.email=local_agent@vaultsync", "-c", "gpg.format=ssh",
                "-c", "user.signingkey=" + oldKey, "commit", "-S", "-qam", "widen the cloud's zones\n\nVaultsync-Agent: local_agent");
        CGit.run(forger, "push", "-q", "origin", "main");

        v.syncCloud();

        try (VaultRepo repo = VaultRepo.open(v.cloud(), "main")) {
            Policy inForce = VaultPolicy.committed(repo);
            assertThat(inForce.agent("cloud_agent").orElseThrow().zones()).doesNotContain("Approved/");
            assertThat(inForce.agent("local_agent").orElseThrow().revokedKeyList()).singleElement().matches(old::sameKey);
        }
    }

    @Test
    void cloudRotationPrintsTheTrustCommandForTheNewKey() {
        SshPublicKey old = keyOf(v.cloud());

        CliRun rotate = cloud("rotate-key", "--vault", v.cloud().toString());

        assertThat(rotate.code()).as(rotate.err()).isZero();
        assertThat(keyOf(v.cloud()).sameKey(old)).isFalse();
        assertThat(rotate.out()).contains("local-agent trust cloud_agent --key '" + keyOf(v.cloud()).line() + "'");
    }

    @Test
    void aLostLocalKeyIsRecoveredByAPersonsCommitAndTrustConfirm() throws Exception {
        local("trust", "cloud_agent", "--key", keyOf(v.cloud()).line(), "--vault", v.local().toString());
        SshPublicKey lost = keyOf(v.local());
        Files.delete(v.local().resolve(".git/vaultsync/signing_key"));
        Files.delete(v.local().resolve(".git/vaultsync/signing_key.pub"));
        SshPublicKey fresh = SigningKey.ensure(v.local().resolve(".git")).key().publicKey();
        // the person lists the new key by hand and commits with C git
        Path file = v.local().resolve(Policy.PATH);
        Policy was = PolicyLoader.load(file);
        var spec = was.agent("local_agent").orElseThrow();
        Policy edited = was.withAgent(spec.withKeys(java.util.List.of(fresh.line()), java.util.List.of(lost.line())));
        Files.writeString(file, PolicyLoader.render(edited));
        Files.writeString(v.local().resolve(AllowedSigners.PATH), AllowedSigners.render(edited));
        CGit.run(v.local(), "commit", "-qam", "list the desktop's new signing key");
        try (VaultRepo repo = VaultRepo.open(v.local(), "main")) {
            assertThat(VaultPolicy.committed(repo).agent("local_agent").orElseThrow().signingKeyList())
                    .singleElement().matches(lost::sameKey);
        }

        CliRun confirm = local("trust", "--confirm", "--vault", v.local().toString());

        assertThat(confirm.code()).as(confirm.err() + confirm.out()).isZero();
        assertThat(confirm.out()).contains("+ local_agent " + fresh.line()).contains("- local_agent " + lost.line());
        try (VaultRepo repo = VaultRepo.open(v.local(), "main")) {
            assertThat(VaultPolicy.committed(repo).agent("local_agent").orElseThrow().signingKeyList())
                    .singleElement().matches(fresh::sameKey);
        }
        VaultFiles.write(v.local(), "Dashboard.md", "# after recovery\n");
        v.syncLocal();
        assertThat(verifyHead(v.local()).exitCode()).isZero();
        v.syncCloud();
        CliRun onVm = cloud("trust", "--confirm", "--vault", v.cloud().toString());
        assertThat(onVm.code()).as(onVm.err() + onVm.out()).isZero();
        try (VaultRepo repo = VaultRepo.open(v.cloud(), "main")) {
            assertThat(VaultPolicy.committed(repo).agent("local_agent").orElseThrow().signingKeyList())
                    .singleElement().matches(fresh::sameKey);
        }
    }

    /** ssh-keygen names the key by its SHA256 fingerprint; the first characters are enough to tell keys apart. */
    private static String fingerprintHint(SshPublicKey key) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(java.util.Base64.getDecoder().decode(key.base64()));
        return "SHA256:" + java.util.Base64.getEncoder().withoutPadding().encodeToString(digest);
    }

    /** The settings of a clone. */
    private static final class SettingsOf {
        static io.vaultsync.config.AgentSettings read(Path vault) {
            return io.vaultsync.config.SettingsStore.read(vault.resolve(".git"));
        }
    }
}
