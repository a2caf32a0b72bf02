package io.vaultsync.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One agent of the vault: its unique name, its role, its write zones (gitignore patterns, see {@link ZonePattern})
 * and the SSH public keys its commits are signed with ({@code signingKeys}) or were signed with before they
 * were revoked ({@code revokedKeys}); both lists hold OpenSSH lines ({@link SshPublicKey#line()}), never null.
 */
public record AgentSpec(String name, Role role, List<String> zones, List<String> signingKeys, List<String> revokedKeys) {

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
        signingKeys = keys(name, "signing", signingKeys);
        revokedKeys = keys(name, "revoked", revokedKeys);
        for (String key : signingKeys) {
            SshPublicKey k = SshPublicKey.parse(key);
            if (revokedKeys.stream().anyMatch(r -> SshPublicKey.parse(r).sameKey(k))) {
                throw new IllegalArgumentException("agent '" + name + "': key " + k.keyOnly() + " is both listed and revoked");
            }
        }
    }

    /** An agent without keys (the form before commits were signed). */
    public AgentSpec(String name, Role role, List<String> zones) {
        this(name, role, zones, List.of(), List.of());
    }

    /** This agent with other zones, its keys kept. */
    public AgentSpec withZones(List<String> newZones) {
        return new AgentSpec(name, role, newZones, signingKeys, revokedKeys);
    }

    /** This agent with other keys, its zones kept. */
    public AgentSpec withKeys(List<String> signing, List<String> revoked) {
        return new AgentSpec(name, role, zones, signing, revoked);
    }

    /** The parsed signing keys. */
    public List<SshPublicKey> signingKeyList() {
        return signingKeys.stream().map(SshPublicKey::parse).toList();
    }

    /** The parsed revoked keys. */
    public List<SshPublicKey> revokedKeyList() {
        return revokedKeys.stream().map(SshPublicKey::parse).toList();
    }

    private static List<String> keys(String agent, String kind, List<String> keys) {
        if (keys == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            SshPublicKey k;
            try {
                k = SshPublicKey.parse(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("agent '" + agent + "': bad " + kind + " key: " + e.getMessage(), e);
            }
            if (out.stream().map(SshPublicKey::parse).anyMatch(k::sameKey)) {
                throw new IllegalArgumentException("agent '" + agent + "': " + kind + " key " + k.keyOnly() + " listed twice");
            }
            out.add(k.line());
        }
        return List.copyOf(out);
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
