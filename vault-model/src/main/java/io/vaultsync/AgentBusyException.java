package io.vaultsync;

/** Another agent process already holds this vault. */
public class AgentBusyException extends VaultException {
    public AgentBusyException(String message) { super(message); }
}
