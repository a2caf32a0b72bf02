package io.vaultsync.git.sign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * An SSH signature of some data ({@code PROTOCOL.sshsig}: what {@code ssh-keygen -Y sign} makes and git puts in a
 * commit's {@code gpgsig} header with {@code gpg.format=ssh}), made with an {@link Ed25519Pair}. Ed25519 is
 * deterministic, so the same key and data always give the same bytes.
 */
final class SshSignature {
    private static final byte[] PREAMBLE = "SSHSIG".getBytes(StandardCharsets.US_ASCII);
    private static final String HASH = "sha512";

    private SshSignature() {}

    /** The armored signature of {@code data} in {@code namespace} (git's is {@code git}). */
    static String sign(Ed25519Pair key, String namespace, byte[] data) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-512").digest(data);
        byte[] signed = new SshWire.Writer().raw(PREAMBLE).text(namespace).text("").text(HASH).string(digest).bytes();
        byte[] signature = new SshWire.Writer().text(Ed25519Pair.TYPE).string(key.sign(signed)).bytes();
        byte[] blob = new SshWire.Writer().raw(PREAMBLE).uint32(1).string(key.publicBlob()).text(namespace).text("")
                .text(HASH).string(signature).bytes();
        // lines of 75, as JGit's SSH signer wraps them (ssh-keygen's 70 verify the same)
        StringBuilder armored = new StringBuilder("-----BEGIN SSH SIGNATURE-----\n");
        String b64 = Base64.getEncoder().encodeToString(blob);
        for (int i = 0; i < b64.length(); i += 75) {
            armored.append(b64, i, Math.min(b64.length(), i + 75)).append('\n');
        }
        return armored.append("-----END SSH SIGNATURE-----\n").toString();
    }
}
