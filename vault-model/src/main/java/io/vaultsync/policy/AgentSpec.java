package io.vaultsync.policy;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One agent of the vault: its unique name, its role and its write zones (gitignore patterns, see {@link ZonePattern}).
 */
public record AgentSpec(String name, Role role, List<String> zones) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public AgentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(zones, "zones");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("bad agent name '" + name + "': " + nameRule());
        }
        for (String zone : zones) {
            if (zone == null) {
                throw new IllegalArgumentException("agent '" + name + "': null zone");
            }
            ZonePattern.compile(zone);
        }
        zones = List.copyOf(zones);
    }

    /** An agent with the default zones of its role. */
    public static AgentSpec withDefaultZones(String name, Role role) {
        return new AgentSpec(name, role, Policy.defaultZones(role, name));
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static String nameRule() {
        return "use 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit";
    }
}
