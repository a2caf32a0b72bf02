package io.vaultsync;

/** The vault directory is not usable as it is: not a clone, detached HEAD, wrong remote, unreadable. */
public class VaultStateException extends VaultException {
    public VaultStateException(String message) { super(message); }
    public VaultStateException(String message, Throwable cause) { super(message, cause); }
}
