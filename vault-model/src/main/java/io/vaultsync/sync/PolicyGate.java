package io.vaultsync.sync;

import io.vaultsync.PolicyException;
import io.vaultsync.gate.SecretGate;
import io.vaultsync.policy.Policy;

/** The secret gate a policy asks for: the bundled denylist plus the policy's own patterns and size limit. */
public final class PolicyGate {
    private PolicyGate() {}

    public static SecretGate of(Policy policy) {
        try {
            return SecretGate.standard(policy.gate().deny(), policy.gate().maxFileSize());
        } catch (IllegalArgumentException e) {
            throw new PolicyException(Policy.PATH + ": key 'gate': " + e.getMessage());
        }
    }
}
