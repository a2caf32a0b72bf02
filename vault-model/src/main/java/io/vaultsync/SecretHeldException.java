package io.vaultsync;

/**
 * What a command was asked to write (a rejection reason, a handoff note, a draft being moved) is held back
 * by the secret gate: nothing moved, and the command says so instead of calling the vault unusable.
 */
public class SecretHeldException extends VaultException {
    public SecretHeldException(String path, String rule) {
        super(path + " is held by the secret gate [" + rule + "]: what it would hold (the draft, a reason or a note)"
                + " looks like a secret; nothing moved");
    }
}
