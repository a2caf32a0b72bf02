package io.vaultsync.trust;

/**
 * Who signed a commit, judged against the keys of the policy in force ({@link Judge#judge}). Only
 * {@link SignedBy} proves an agent; every other case proves nobody, each for its own reason.
 */
public sealed interface Verdict {
    /** A reason in words, for cards, logs and {@code verify}. */
    String reason();

    /** Signed with a key the policy lists for {@code agent}. */
    record SignedBy(String agent, String fingerprint) implements Verdict {
        public String reason() {
            return "signed by " + agent + " (" + fingerprint + ")";
        }
    }

    /** A good signature by a key the policy does not list. */
    record UnlistedKey(String fingerprint) implements Verdict {
        public String reason() {
            return "signed with a key the policy does not list (" + fingerprint + ")";
        }
    }

    /** A good signature by a key {@code agent} revoked. */
    record RevokedKey(String agent, String fingerprint) implements Verdict {
        public String reason() {
            return "signed with a key " + agent + " revoked (" + fingerprint + ")";
        }
    }

    /** A signature that does not verify (the commit was changed after signing, or it is not an SSH signature). */
    record BadSignature(String why) implements Verdict {
        public String reason() {
            return "bad signature: " + why;
        }
    }

    /** No signature. */
    record Unsigned() implements Verdict {
        public String reason() {
            return "not signed";
        }
    }
}
