package io.vaultsync.trust;

import java.util.Objects;

/**
 * What a commit's signature shows by itself, before any policy is asked: none, one that does not verify
 * (tampered bytes, a wrong namespace, not SSH), or one that verifies with the key of a given fingerprint.
 * These facts depend only on the commit's bytes, so they can be cached by commit id.
 */
public sealed interface SignatureFacts {
    /** No {@code gpgsig} header at all. */
    record Unsigned() implements SignatureFacts {}

    /** A signature that does not verify; {@code why} in words a person reads. */
    record Bad(String why) implements SignatureFacts {
        public Bad {
            Objects.requireNonNull(why, "why");
        }
    }

    /** A signature that verifies with the key whose SHA256 fingerprint this is. */
    record Good(String fingerprint) implements SignatureFacts {
        public Good {
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }
}
