package io.vaultsync.git.sign;

import io.vaultsync.VaultStateException;
import io.vaultsync.policy.SshPublicKey;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.api.errors.UnsupportedSigningFormatException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.lib.Signers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs the commits an agent makes with its {@link SigningKey}, in git's SSH signature format ({@code
 * gpg.format=ssh}, namespace {@code git}) through JGit's SSH signer, so C git, GitHub and GitLab verify them
 * against an allowed-signers file. One per clone, held by the agent's {@code GitSession}: every path that
 * makes a commit calls {@link #sign} on its {@link CommitBuilder} just before inserting it.
 */
public final class CommitSigner {
    private static final Logger LOG = LoggerFactory.getLogger(CommitSigner.class);

    private final SigningKey key;
    private final boolean created;
    private final GpgConfig config;
    private final Signer signer;

    private CommitSigner(SigningKey key, boolean created) {
        this.key = key;
        this.created = created;
        Config c = new Config();
        c.setString("gpg", null, "format", "ssh");
        c.setString("user", null, "signingKey", key.publicFile().toString());
        this.config = new GpgConfig(c);
        this.signer = Signers.get(GpgConfig.GpgFormat.SSH);
        if (signer == null) {
            throw new VaultStateException("JGit's SSH signer (org.eclipse.jgit.ssh.apache) is not on the class path");
        }
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
            signer.signObject(repo, config, cb, cb.getCommitter(), key.publicFile().toString(), null);
        } catch (CanceledException | UnsupportedSigningFormatException e) {
            throw new IOException("cannot sign the commit with " + key.publicFile() + ": " + e.getMessage(), e);
        }
    }
}
