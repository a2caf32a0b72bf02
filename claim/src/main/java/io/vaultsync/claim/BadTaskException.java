package io.vaultsync.claim;

import io.vaultsync.VaultException;

/** A task argument that names no task file: absolute, escaping with {@code ..}, in another folder, blank. */
public final class BadTaskException extends VaultException {
    public BadTaskException(String message) {
        super(message);
    }
}
