package io.vaultsync;
/** Root of every vaultsync exception: a broken environment or bad input, with a message a user can act on. */
public class VaultException extends RuntimeException {
    public VaultException(String message) { super(message); }
    public VaultException(String message, Throwable cause) { super(message, cause); }
}
