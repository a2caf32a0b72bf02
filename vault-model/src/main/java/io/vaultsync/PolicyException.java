package io.vaultsync;

/**
 * The vault policy file is unreadable or invalid. The message names the file, the line and the key,
 * e.g. {@code .vaultsync/policy.yaml:7: unknown key 'zonez' in agents[1] (known: name, role, zones)}.
 */
public class PolicyException extends VaultException {
    public PolicyException(String message) { super(message); }
    public PolicyException(String message, Throwable cause) { super(message, cause); }
}
