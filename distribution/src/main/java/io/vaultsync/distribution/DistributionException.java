package io.vaultsync.distribution;

import io.vaultsync.VaultException;

/** Bad input to the distribution tool (a rule, the registry, a state file) or a broken environment. */
public class DistributionException extends VaultException {
    public DistributionException(String message) {
        super(message);
    }

    public DistributionException(String message, Throwable cause) {
        super(message, cause);
    }
}
