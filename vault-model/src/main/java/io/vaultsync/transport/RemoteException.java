package io.vaultsync.transport;

import io.vaultsync.VaultException;
import io.vaultsync.transport.TransportFailure;

/**
 * A fetch, push or ls-remote failed: the remote could not be reached, refused the credentials, is not
 * trusted, has no such repository or does not allow the push. Local work is kept for the next cycle.
 */
public class RemoteException extends VaultException {
    private final transient TransportFailure failure;

    public RemoteException(TransportFailure failure, Throwable cause) {
        super(failure.describe(), cause);
        this.failure = failure;
    }

    public TransportFailure failure() {
        return failure;
    }
}
