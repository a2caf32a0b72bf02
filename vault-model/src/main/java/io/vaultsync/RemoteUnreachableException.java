package io.vaultsync;

/** The remote could not be reached or refused the connection; local work is kept for the next cycle. */
public class RemoteUnreachableException extends VaultException {
    public RemoteUnreachableException(String message, Throwable cause) { super(message, cause); }
}
