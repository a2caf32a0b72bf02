package io.vaultsync.git;

import io.vaultsync.trust.SignatureFacts;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SignatureVerifier;
import org.eclipse.jgit.lib.SignatureVerifiers;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Reads what a commit's SSH signature shows ({@link SignatureFacts}) with JGit's SSH verifier
 * ({@code org.eclipse.jgit.ssh.apache}, git's format, namespace {@code git}). The verifier is given an empty
 * configuration: no allowed-signers file, no revocation list, nothing from the repository or the user. So it
 * only checks that the signature is sound and names the signing key's fingerprint; which agent that key
 * belongs to is decided from the policy in force ({@code trust/Judge}), never from files the commit carries.
 * (With no allowed-signers file the verifier reports a sound signature as "no principal matched", trust
 * {@code UNKNOWN}, with the key's fingerprint; an unsound one has trust {@code NEVER}.) Results are cached by
 * commit id: a signature is checked once per instance, whatever the policy.
 */
public final class CommitSignatures {
    private static final GpgConfig NO_FILES = new GpgConfig(new Config());
    private final Repository repo;
    private final Map<ObjectId, SignatureFacts> cache = new HashMap<>();

    public CommitSignatures(Repository repo) {
        this.repo = repo;
    }

    /** The facts of {@code c}'s signature (parsed body needed: a commit from a {@code RevWalk}). */
    public SignatureFacts facts(RevCommit c) throws IOException {
        SignatureFacts known = cache.get(c.getId());
        if (known != null) return known;
        SignatureFacts f = read(repo, c);
        cache.put(c.copy(), f);
        return f;
    }

    static SignatureFacts read(Repository repo, RevCommit c) throws IOException {
        byte[] sig = c.getRawGpgSignature();
        if (sig == null) return new SignatureFacts.Unsigned();
        GpgConfig.GpgFormat format = SignatureVerifiers.getFormat(sig);
        if (format != GpgConfig.GpgFormat.SSH) {
            return new SignatureFacts.Bad("not an SSH signature (" + (format == null ? "unknown" : format.name()) + ")");
        }
        SignatureVerifier.SignatureVerification v;
        try {
            v = SignatureVerifiers.verify(repo, NO_FILES, c);
        } catch (RuntimeException e) { // JGit wraps a broken signature block in an unchecked exception
            return new SignatureFacts.Bad("unreadable signature: " + e.getMessage());
        }
        if (v == null) return new SignatureFacts.Unsigned();
        boolean sound = v.verified() || v.trustLevel() == SignatureVerifier.TrustLevel.UNKNOWN;
        if (sound && v.keyFingerprint() != null) return new SignatureFacts.Good(v.keyFingerprint());
        return new SignatureFacts.Bad(v.message() == null ? "does not verify" : v.message());
    }
}
