package io.vaultsync.git.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.VaultStateException;
import io.vaultsync.fixtures.CGit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's signing key on disk, and commits signed with it that C git verifies. */
class SigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void ensureMakesAnOwnerOnlyEd25519KeyOnceThatSshKeygenReads() throws IOException {
        Path git = dir.resolve(".git");
        Files.createDirectories(git);

        SigningKey.Ensured first = SigningKey.ensure(git);
        SigningKey.Ensured again = SigningKey.ensure(git);

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.key().publicKey()).isEqualTo(first.key().publicKey());
        Path file = git.resolve("vaultsync/signing_key");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        String pub = Files.readString(git.resolve("vaultsync/signing_key.pub")).strip();
        assertThat(pub).isEqualTo(first.key().publicKey().line()).startsWith("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5");
        ProcessBuilder keygen = new ProcessBuilder("ssh-keygen", "-y", "-f", file.toString());
        Process p = keygen.start();
        String derived = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(derived).startsWith(first.key().publicKey().keyOnly());
    }

    @Test
    void aPairMadeInTheBackgroundBecomesTheKeyOnlyWhereThereIsNone() throws IOException {
        Path git = dir.resolve(".git");
        Files.createDirectories(git);

        var fresh = SigningKey.newPairInBackground();
        SigningKey installed = SigningKey.install(git, null, fresh);
        SigningKey kept = SigningKey.install(git, null, SigningKey.newPairInBackground());

        assertThat(installed.publicKey().line()).isEqualTo(PublicKeyEntry.toString(fresh.get().getPublic()) + " vaultsync@" + dir.getFileName());
        assertThat(kept.publicKey()).isEqualTo(installed.publicKey());
        ProcessBuilder keygen = new ProcessBuilder("ssh-keygen", "-y", "-f", installed.file().toString());
        Process p = keygen.start();
        String derived = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(derived).startsWith(installed.publicKey().keyOnly());
    }

    @Test
    void aGivenKeyIsUsedAndABadOneRefusedWithoutQuotingIt() throws Exception {
        Path git = dir.resolve(".git");
        Files.createDirectories(git);
        Path other = dir.resolve("other/.git");
        Files.createDirectories(other);
        SigningKey made = SigningKey.ensure(other).key();

        SigningKey used = SigningKey.use(git, made.file());

        assertThat(used.publicKey().sameKey(made.publicKey())).isTrue();
        Path junk = dir.resolve("junk");
        Files.writeString(junk, "-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LXNlY3JldA==\n-----END OPENSSH PRIVATE KEY-----\n");
        assertThatThrownBy(() -> SigningKey.use(git, junk)).isInstanceOf(VaultStateException.class)
                .hasMessageContaining("not a readable unencrypted OpenSSH private key").hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("c2VjcmV0"));
        assertThat(SigningKey.load(git).orElseThrow().publicKey().sameKey(made.publicKey())).isTrue();
    }

    @Test
    void rotateMakesANewKeyAndKeepsTheOldAside() throws IOException {
        Path git = dir.resolve(".git");
        Files.createDirectories(git);
        SigningKey old = SigningKey.ensure(git).key();

        SigningKey next = SigningKey.prepareNext(git);
        SigningKey stillOld = SigningKey.load(git).orElseThrow();
        SigningKey promoted = SigningKey.promoteNext(git);

        assertThat(next.publicKey().sameKey(old.publicKey())).isFalse();
        assertThat(stillOld.publicKey()).isEqualTo(old.publicKey());
        assertThat(promoted.publicKey().sameKey(next.publicKey())).isTrue();
        assertThat(Files.readString(git.resolve("vaultsync/signing_key.pub"))).startsWith(next.publicKey().keyOnly());
        assertThat(git.resolve("vaultsync/signing_key.old")).exists();
        assertThat(git.resolve("vaultsync/signing_key.next")).doesNotExist();
        assertThat(Files.getPosixFilePermissions(git.resolve("vaultsync/signing_key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aSignedCommitVerifiesWithCGitAgainstAnAllowedSignersFile() throws IOException {
        Path work = dir.resolve("repo");
        Files.createDirectories(work);
        CGit.run(work, "init", "-q", "-b", "main");
        CommitSigner signer = CommitSigner.of(work.resolve(".git"));
        ObjectId commit;
        try (Repository repo = new FileRepositoryBuilder().setGitDir(work.resolve(".git").toFile()).build();
                ObjectInserter ins = repo.newObjectInserter()) {
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(ins.insert(Constants.OBJ_TREE, new byte[0]));
            PersonIdent who = new PersonIdent("cloud_agent", "cloud_agent@vaultsync");
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setMessage("signed\n");
            signer.sign(repo, cb);
            commit = ins.insert(cb);
            ins.flush();
        }
        Path allowed = dir.resolve("allowed_signers");
        Files.writeString(allowed, "cloud_agent@vaultsync namespaces=\"git\" " + signer.publicKey().line() + "\n");

        CGit.Output ok = CGit.tryRun(work, "-c", "gpg.ssh.allowedSignersFile=" + allowed, "verify-commit", commit.name());
        // C git maps the key to its principal (find-principals): the file must list the key, whoever it names
        Files.writeString(allowed, "cloud_agent@vaultsync namespaces=\"git\" " + SigningKey.ensure(dir.resolve("x"))
                .key().publicKey().line() + "\n");
        CGit.Output unlisted = CGit.tryRun(work, "-c", "gpg.ssh.allowedSignersFile=" + allowed, "verify-commit", commit.name());

        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
        assertThat(ok.stderr()).contains("Good \"git\" signature for cloud_agent@vaultsync with ED25519 key");
        assertThat(unlisted.exitCode()).isNotZero();
    }
}
