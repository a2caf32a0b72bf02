package io.vaultsync.policy;

import java.util.Objects;

/**
 * The vault's {@code .vaultsync/allowed_signers}: the policy's signing keys in the format of git's
 * {@code gpg.ssh.allowedSignersFile}, so that C git verifies the agents' commits the way the agents do:
 * {@code git -c gpg.ssh.allowedSignersFile=.vaultsync/allowed_signers verify-commit SHA}. Written by the
 * local agent from the policy, in the same commit as every change of the policy's keys; like the policy,
 * only a local-role agent may write it ({@link Zones}). Revoked keys are left out (named in a comment).
 *
 * <p>The principal of a key is the committer e-mail of its agent's commits, {@code <agent>@vaultsync}
 * (what the agents' {@code PersonIdent}s carry). C git looks the principal up by key, so a key listed here
 * verifies whoever the commit names; which agent a verified key speaks for is the policy's to say.
 */
public final class AllowedSigners {
    /** Vault-relative path of the file. */
    public static final String PATH = ".vaultsync/allowed_signers";

    private AllowedSigners() {}

    /** The principal (committer e-mail) of {@code agent}'s commits. */
    public static String principal(String agent) {
        return Objects.requireNonNull(agent, "agent") + "@vaultsync";
    }

    /** The file's text for {@code policy}: one line per listed key, in policy order. */
    public static String render(Policy policy) {
        StringBuilder out = new StringBuilder();
        out.append("# vaultsync: the agents' commit signing keys, written by the local agent from ")
                .append(Policy.PATH).append(".\n")
                .append("# Verify with: git -c gpg.ssh.allowedSignersFile=").append(PATH)
                .append(" log --show-signature\n");
        for (AgentSpec agent : policy.agents()) {
            for (SshPublicKey key : agent.signingKeyList()) {
                out.append(principal(agent.name())).append(" namespaces=\"git\" ").append(key.line()).append('\n');
            }
            for (SshPublicKey key : agent.revokedKeyList()) {
                out.append("# revoked: ").append(principal(agent.name())).append(' ').append(key.keyOnly()).append('\n');
            }
        }
        return out.toString();
    }
}
