package io.vaultsync.config;

import static io.vaultsync.config.Mappers.YAML;

import io.vaultsync.VaultStateException;
import io.vaultsync.policy.Role;
import io.vaultsync.transport.GitEnvironment;
import io.vaultsync.transport.RemoteAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads and writes {@link AgentSettings} under the clone's git directory. */
public final class SettingsStore {

    private SettingsStore() {}

    /** The folder for everything an agent keeps about a vault that must never be synced. */
    public static Path stateDir(Path gitDir) {
        return gitDir.resolve("vaultsync");
    }

    public static Path file(Path gitDir) {
        return stateDir(gitDir).resolve("agent.yaml");
    }

    public static void write(Path gitDir, AgentSettings s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("role", s.role().name().toLowerCase(Locale.ROOT));
        m.put("machine", s.machine());
        m.put("remote", s.remote());
        m.put("branch", s.branch());
        m.put("interval", Durations.format(s.interval()));
        m.put("push_debounce", Durations.format(s.pushDebounce()));
        m.put("rescan", Durations.format(s.rescan()));
        m.put("lock_max_age", Durations.format(s.lockMaxAge()));
        RemoteAccess a = s.access();
        if (!a.networkTimeout().equals(RemoteAccess.DEFAULT_TIMEOUT)) m.put("network_timeout", Durations.format(a.networkTimeout()));
        putPath(m, "ssh_key", a.sshKey());
        putPath(m, "known_hosts", a.knownHosts());
        putPath(m, "ssh_passphrase_file", a.sshPassphraseFile());
        if (a.username() != null) m.put("username", a.username());
        putPath(m, "token_file", a.tokenFile());
        putPath(m, "password_file", a.passwordFile());
        try {
            AtomicFiles.write(file(gitDir), ("# vaultsync agent settings (never synced)\n"
                    + YAML.writeValueAsString(m).replaceFirst("^---\\n", "")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new VaultStateException("cannot write agent settings " + file(gitDir) + ": " + e.getMessage(), e);
        }
    }

    public static AgentSettings read(Path gitDir) {
        Path f = file(gitDir);
        if (!Files.isRegularFile(f)) {
            throw new VaultStateException("no agent settings in " + f.getParent().getParent().getParent()
                    + ": run init first");
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = YAML.readValue(f.toFile(), Map.class);
            if (m == null) throw new VaultStateException("agent settings " + f + " are empty: run init again");
            return new AgentSettings(
                    str(m, "name", f), Role.valueOf(str(m, "role", f).toUpperCase(Locale.ROOT)), str(m, "machine", f),
                    str(m, "remote", f), str(m, "branch", f), duration(m, "interval", f, null),
                    // added later: a file written before has neither, and gets the defaults
                    duration(m, "push_debounce", f, AgentSettings.DEFAULT_PUSH_DEBOUNCE),
                    duration(m, "rescan", f, AgentSettings.DEFAULT_RESCAN), access(m, f),
                    duration(m, "lock_max_age", f, AgentSettings.DEFAULT_LOCK_MAX_AGE));
        } catch (IOException | IllegalArgumentException e) {
            throw new VaultStateException("unreadable agent settings " + f + ": " + e.getMessage(), e);
        }
    }

    /**
     * Only how the remote is reached, for the transport: the defaults when there are no settings yet (a
     * clone being seeded, a test's plain clone).
     */
    public static RemoteAccess access(Path gitDir) {
        Path f = file(gitDir);
        if (!Files.isRegularFile(f)) return RemoteAccess.DEFAULT;
        return read(gitDir).access();
    }

    private static RemoteAccess access(Map<String, Object> m, Path f) {
        try {
            return new RemoteAccess(path(m, "ssh_key"), path(m, "known_hosts"), path(m, "ssh_passphrase_file"),
                    m.get("username") == null ? null : m.get("username").toString(), path(m, "token_file"),
                    path(m, "password_file"), duration(m, "network_timeout", f, RemoteAccess.DEFAULT_TIMEOUT));
        } catch (IllegalArgumentException e) {
            throw new VaultStateException("agent settings " + f + ": " + e.getMessage(), e);
        }
    }

    private static Path path(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null || v.toString().isBlank()) return null;
        String s = v.toString();
        return s.startsWith("~/") ? GitEnvironment.home().resolve(s.substring(2)) : Path.of(s);
    }

    private static void putPath(Map<String, String> m, String key, Path p) {
        if (p != null) m.put(key, p.toString());
    }

    private static java.time.Duration duration(Map<String, Object> m, String key, Path f, java.time.Duration absent) {
        if (absent != null && !m.containsKey(key)) return absent;
        try {
            return Durations.parse(str(m, key, f));
        } catch (IllegalArgumentException e) {
            throw new VaultStateException("agent settings " + f + ": key '" + key + "': " + e.getMessage(), e);
        }
    }

    private static String str(Map<String, Object> m, String key, Path f) {
        Object v = m.get(key);
        if (v == null) throw new VaultStateException("agent settings " + f + " lack '" + key + "'");
        return v.toString();
    }
}
