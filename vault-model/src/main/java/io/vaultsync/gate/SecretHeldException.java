package io.vaultsync.gate;

import io.vaultsync.VaultException;
import io.vaultsync.gate.SecretGate;

/**
 * What a command was asked to write (a rejection reason, a handoff note, a draft being moved) is held back
 * by the secret gate: nothing moved, and the command says so instead of calling the vault unusable. The path
 * is shown masked ({@link SecretGate#shown}), so a token in its name is not repeated.
 */
public class SecretHeldException extends VaultException {
    public SecretHeldException(String path, String rule) {
        super(SecretGate.shown(path) + " is held by the secret gate [" + rule + "]: "
                + (rule.startsWith(SecretGate.NAME_PREFIX) ? "its name looks like it holds a token"
                        : "what it would hold (the draft, a reason or a note) looks like a secret")
                + "; nothing moved");
    }
}
