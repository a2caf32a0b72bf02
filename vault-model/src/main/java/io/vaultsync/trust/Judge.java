package io.vaultsync.trust;

/**
 * Judges a commit's signature against the keys of the policy in force, and decides which agent's zones a
 * commit is held to. Pure functions over values; reading the signature is {@code git/CommitSignatures}'s job.
 */
public final class Judge {
    private Judge() {}

    /** The signature's verdict under {@code keys}. */
    public static Verdict judge(SignatureFacts facts, KeyRing keys) {
        if (facts instanceof SignatureFacts.Bad b) return new Verdict.BadSignature(b.why());
        if (!(facts instanceof SignatureFacts.Good g)) return new Verdict.Unsigned();
        String fp = g.fingerprint();
        if (keys.agentOf(fp).isPresent()) return new Verdict.SignedBy(keys.agentOf(fp).get(), fp);
        if (keys.revokedBy(fp).isPresent()) return new Verdict.RevokedKey(keys.revokedBy(fp).get(), fp);
        return new Verdict.UnlistedKey(fp);
    }

    /**
     * Which agent a commit is held to, from what it claims and what proves it.
     *
     * @param claimed    the agent its trailer or author names (null for a plain git user)
     * @param verdict    its signature's verdict under the policy in force
     * @param keys       the policy in force's keys
     * @param mustSign   whether the policy requires every commit here to be signed (after {@code signatures_from})
     * @param self       the agent doing the judging
     * @param knownOwn   whether {@code self}'s journal holds the commit (it made it): for {@code self}'s own name
     *                   that is proof enough, and its absence marks a forgery, keys or not
     */
    public static Held held(String claimed, Verdict verdict, KeyRing keys, boolean mustSign, String self, boolean knownOwn) {
        if (verdict instanceof Verdict.SignedBy s) return new Held(s.agent(), verdict.reason(), false);
        if (claimed != null && claimed.equals(self)) {
            if (knownOwn) return new Held(self, self + "'s own commit (in its journal)", false);
            return new Held(null, "forgery of " + self + "'s identity: " + self + " never made this commit ("
                    + verdict.reason() + ")", true);
        }
        if (claimed == null) return new Held(null, "a plain git user (" + verdict.reason() + ")", false);
        if (keys.hasKeys(claimed) || mustSign) {
            return new Held(null, "claims to be " + claimed + " but is " + verdict.reason(), false);
        }
        return new Held(claimed, claimed + " by its trailer or author name (it lists no signing key)", false);
    }

    /**
     * The agent a commit is held to (null: nobody's zones), why, and whether it forges the judging agent's name.
     */
    public record Held(String agent, String why, boolean forgery) {}
}
