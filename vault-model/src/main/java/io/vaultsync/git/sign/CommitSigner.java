package io.vaultsync.git.sign;

import io.vaultsync.VaultStateException;
import io.vaultsync.policy.SshPublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs the commits an agent makes with its {@link SigningKey}, in git's SSH signature format ({@code
 * gpg.format=ssh}, namespace {@code git}), so C git, GitHub and GitLab verify them against an allowed-signers
 * file. The signature is made with the JDK's Ed25519 ({@link SshSignature}); it is byte for byte what JGit's
 * SSH signer makes. One per clone, held by the agent's {@code GitSession}: every path that makes a commit calls
 * {@link #sign} on its {@link CommitBuilder} just before inserting it. The key file is read again when it
 * changes (a rotation), so the signer always signs with the key the clone has.
 */
public final class CommitSigner {
    private static final Logger LOG = LoggerFactory.getLogger(CommitSigner.class);
    private static final String NAMESPACE = "git";

    private final SigningKey key;
    private final boolean created;
    private Loaded loaded;

    /** The pair as read, and the file's identity then. */
    private record Loaded(Object fileKey, long modified, long size, Ed25519Pair pair) {}

    private CommitSigner(SigningKey key, boolean created) {
        this.key = key;
        this.created = created;
    }

    /** The signer of the clone {@code gitDir}, its key created now if it had none (then {@link #created()}). */
    public static CommitSigner of(Path gitDir) {
        SigningKey.Ensured k = SigningKey.ensure(gitDir);
        if (k.created()) {
            LOG.info("made a signing key for this clone: {} (public half {})", k.key().file(), k.key().publicKey().line());
        }
        return new CommitSigner(k.key(), k.created());
    }

    /** Whether the key was made when this signer was (a new vault, or one from before commits were signed). */
    public boolean created() {
        return created;
    }

    /** The public half of the key the commits are signed with. */
    public SshPublicKey publicKey() {
        return key.publicKey();
    }

    /** Puts the signature of {@code cb}'s content (committer as set) into its {@code gpgsig} header. */
    public void sign(Repository repo, CommitBuilder cb) throws IOException {
        cb.setGpgSignature(null);
        try {
            String armored = SshSignature.sign(pair(), NAMESPACE, cb.build());
            cb.setGpgSignature(new GpgSignature(armored.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign the commit with " + key.file() + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private synchronized Ed25519Pair pair() throws IOException {
        BasicFileAttributes now = Files.readAttributes(key.file(), BasicFileAttributes.class);
        Loaded l = loaded;
        if (l == null || !java.util.Objects.equals(l.fileKey(), now.fileKey()) || l.modified() != now.lastModifiedTime().toMillis()
                || l.size() != now.size()) {
            try {
                l = new Loaded(now.fileKey(), now.lastModifiedTime().toMillis(), now.size(),
                        SigningKey.readPair(key.file(), key.file() + " (the agent's signing key)"));
            } catch (VaultStateException e) {
                throw new IOException(e.getMessage(), e);
            }
            loaded = l;
        }
        return l.pair();
    }
}
