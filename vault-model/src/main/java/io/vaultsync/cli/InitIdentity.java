package io.vaultsync.cli;

import io.vaultsync.VaultStateException;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.policy.Role;
import io.vaultsync.config.RemoteAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Who a clone is after {@code init}: run again on a vault that already has agent settings, init keeps its
 * identity (name, role, machine) and its remote access settings unless options say otherwise; a change of
 * role or name needs {@code --reassign} and is listed. A pure decision.
 */
record InitIdentity(String name, String machine, RemoteAccess access, List<String> changes) {
    InitIdentity {
        changes = List.copyOf(changes);
    }

    /**
     * @param existing   the clone's settings, or null for a new clone
     * @param agent      {@code --agent}, or null
     * @param machine    {@code --machine}, or null; {@code thisMachine} is the default for a new clone
     * @param given      the access options (null fields: not given)
     * @param timeoutSet whether {@code --network-timeout} was given
     */
    static InitIdentity decide(AgentSettings existing, Role role, String agent, String machine, String thisMachine,
            RemoteAccess given, boolean timeoutSet, boolean reassign) {
        if (existing == null) {
            return new InitIdentity(agent != null ? agent : AgentSettings.defaultName(role),
                    machine != null ? machine : thisMachine, given, List.of());
        }
        String name = agent != null ? agent : existing.role() == role ? existing.name() : AgentSettings.defaultName(role);
        List<String> changes = new ArrayList<>();
        if (existing.role() != role) changes.add("role " + lower(existing.role()) + " -> " + lower(role));
        if (!existing.name().equals(name)) changes.add("name " + existing.name() + " -> " + name);
        if (!changes.isEmpty() && !reassign) {
            throw new VaultStateException("this vault is " + existing.name() + " (" + lower(existing.role())
                    + ") on " + existing.machine() + "; this init would change its " + String.join(", ", changes)
                    + ". Nothing was changed; pass --reassign to do it anyway");
        }
        String m = machine != null ? machine : existing.machine();
        if (!m.equals(existing.machine())) changes.add("machine " + existing.machine() + " -> " + m);
        RemoteAccess was = existing.access();
        RemoteAccess access = new RemoteAccess(or(given.sshKey(), was.sshKey()), or(given.knownHosts(), was.knownHosts()),
                or(given.sshPassphraseFile(), was.sshPassphraseFile()), or(given.username(), was.username()),
                given.passwordFile() != null ? null : or(given.tokenFile(), was.tokenFile()),
                given.tokenFile() != null ? null : or(given.passwordFile(), was.passwordFile()),
                timeoutSet ? given.networkTimeout() : was.networkTimeout());
        return new InitIdentity(name, m, access, changes);
    }

    private static <T> T or(T given, T was) {
        return given != null ? given : was;
    }

    private static String lower(Role r) {
        return Objects.requireNonNull(r).name().toLowerCase(Locale.ROOT);
    }
}
