package io.vaultsync.git.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Collection;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.Signers;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK-only key reader, writer and SSH signer against Apache sshd's and JGit's (the ones used before): the
 * same keys, and byte-identical signatures (Ed25519 is deterministic).
 */
class Ed25519PairTest {
    @TempDir
    Path dir;

    @Test
    void aKeySshdWroteReadsAsTheSamePairAndOursReadsBackInSshd() throws Exception {
        KeyPair theirs = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(theirs, "a comment", null, file);

        Ed25519Pair ours = Ed25519Pair.read(file.toByteArray());
        assertThat(ours.publicLine()).isEqualTo(PublicKeyEntry.toString(theirs.getPublic()));

        Collection<KeyPair> back = SecurityUtils.getKeyPairResourceParser().loadKeyPairs(null, () -> "ours", null,
                new ByteArrayInputStream(ours.toOpenSsh("vaultsync@v")));
        assertThat(back).hasSize(1);
        assertThat(PublicKeyEntry.toString(back.iterator().next().getPublic())).isEqualTo(ours.publicLine());
        assertThat(Ed25519Pair.generate().toOpenSsh("c")).isNotEqualTo(ours.toOpenSsh("c"));
    }

    @Test
    void aCommitSignatureIsByteForByteWhatJGitsSshSignerMakes() throws Exception {
        Path keyFile = dir.resolve("vaultsync/signing_key");
        Files.createDirectories(keyFile.getParent());
        Ed25519Pair pair = Ed25519Pair.generate();
        Files.write(keyFile, pair.toOpenSsh("vaultsync@v"));
        Files.writeString(dir.resolve("vaultsync/signing_key.pub"), pair.publicLine() + "\n");
        try (Repository repo = FileRepositoryBuilder.create(dir.resolve("repo.git").toFile())) {
            repo.create(true);
            for (String message : new String[] {"one\n", "ünïcode: ✓\n\nbody\n", ""}) {
                CommitBuilder cb = new CommitBuilder();
                cb.setTreeId(ObjectId.fromString("4b825dc642cb6eb9a060e54bf8d69288fbee4904"));
                PersonIdent who = new PersonIdent("cloud_agent", "cloud_agent@vaultsync", 1_700_000_000_000L, 0);
                cb.setAuthor(who);
                cb.setCommitter(who);
                cb.setMessage(message);
                Config c = new Config();
                c.setString("gpg", null, "format", "ssh");
                Signers.get(GpgConfig.GpgFormat.SSH).signObject(repo, new GpgConfig(c), cb, who,
                        dir.resolve("vaultsync/signing_key.pub").toString(), null);
                byte[] jgits = cb.getGpgSignature().toExternalString().getBytes(StandardCharsets.US_ASCII);
                cb.setGpgSignature(null);
                String ours = SshSignature.sign(pair, "git", cb.build());
                assertThat(ours).isEqualTo(new String(jgits, StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void damagedEncryptedOrOtherKeysAreRefusedWithoutQuotingThem() throws Exception {
        byte[] good = Ed25519Pair.generate().toOpenSsh("c");
        String text = new String(good, StandardCharsets.US_ASCII);
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] raw = Base64.getDecoder().decode(body);
        byte[] flipped = raw.clone();
        flipped[flipped.length - 20] ^= 1; // inside the private half
        byte[] encrypted = raw.clone();
        System.arraycopy("aes2".getBytes(StandardCharsets.US_ASCII), 0, encrypted, 19, 4); // cipher "none" -> "aes2"
        byte[] truncated = java.util.Arrays.copyOf(raw, raw.length / 2);
        for (byte[] bad : new byte[][] {armor(flipped), armor(encrypted), armor(truncated), "ssh-ed25519 AAAA".getBytes(),
                "-----BEGIN OPENSSH PRIVATE KEY-----\n%%%\n-----END OPENSSH PRIVATE KEY-----".getBytes(), new byte[0]}) {
            assertThatThrownBy(() -> Ed25519Pair.read(bad)).isInstanceOf(Ed25519Pair.BadKey.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(body.substring(40, 60)));
        }
        KeyPair rsa = KeyUtils.generateKeyPair("ssh-rsa", 2048);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(rsa, "c", null, file);
        assertThatThrownBy(() -> Ed25519Pair.read(file.toByteArray())).hasMessageContaining("only ed25519");
    }

    private static byte[] armor(byte[] body) {
        return ("-----BEGIN OPENSSH PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(body)
                + "\n-----END OPENSSH PRIVATE KEY-----\n").getBytes(StandardCharsets.US_ASCII);
    }
}
