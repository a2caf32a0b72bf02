package io.vaultsync.config;

import static io.vaultsync.config.Mappers.YAML;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.vaultsync.VaultStateException;
import io.vaultsync.policy.Role;
import io.vaultsync.config.RemoteAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

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
        try {
            AtomicFiles.write(file(gitDir), ("# vaultsync agent settings (never synced)\n"
                    + YAML.writeValueAsString(SettingsFile.of(s)).replaceFirst("^---\\n", "")).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new VaultStateException("cannot write agent settings " + file(gitDir) + ": " + e.getMessage(), e);
        }
    }

    /** Builds the settings' reader ahead of the first {@link #read} (a command's start-up thread does). */
    public static void warm() {
        YAML.readerFor(SettingsFile.class);
    }

    public static AgentSettings read(Path gitDir) {
        Path f = file(gitDir);
        if (!Files.isRegularFile(f)) {
            throw new VaultStateException("no agent settings in " + f.getParent().getParent().getParent()
                    + ": run init first");
        }
        SettingsFile m;
        try {
            m = YAML.readValue(f.toFile(), SettingsFile.class);
        } catch (JsonMappingException e) {
            String why = Mappers.badValue(e).orElse(null);
            if (why == null) throw new VaultStateException("unreadable agent settings " + f + ": " + e.getMessage(), e);
            throw new VaultStateException("agent settings " + f + ": key '" + Mappers.keyPath(e) + "': " + why, e);
        } catch (IOException e) {
            throw new VaultStateException("unreadable agent settings " + f + ": " + e.getMessage(), e);
        }
        if (m == null) throw new VaultStateException("agent settings " + f + " are empty: run init again");
        try {
            return new AgentSettings(
                    str(m.name(), "name", f), Role.valueOf(str(m.role(), "role", f).toUpperCase(Locale.ROOT)),
                    str(m.machine(), "machine", f), str(m.remote(), "remote", f), str(m.branch(), "branch", f),
                    str(m.interval(), "interval", f),
                    // a file written before these keys existed gets the defaults
                    or(m.pushDebounce(), AgentSettings.DEFAULT_PUSH_DEBOUNCE), or(m.rescan(), AgentSettings.DEFAULT_RESCAN),
                    access(m, f), or(m.lockMaxAge(), AgentSettings.DEFAULT_LOCK_MAX_AGE), service(m, f));
        } catch (IllegalArgumentException e) {
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

    private static RemoteAccess access(SettingsFile m, Path f) {
        try {
            return new RemoteAccess(path(m.sshKey()), path(m.knownHosts()), path(m.sshPassphraseFile()), m.username(),
                    path(m.tokenFile()), path(m.passwordFile()), or(m.networkTimeout(), RemoteAccess.DEFAULT_TIMEOUT));
        } catch (IllegalArgumentException e) {
            throw new VaultStateException("agent settings " + f + ": " + e.getMessage(), e);
        }
    }

    private static ServiceSettings service(SettingsFile m, Path f) {
        try {
            return new ServiceSettings(m.http(), m.staleAfter(), or(m.hangAfter(), ServiceSettings.DEFAULT_HANG_AFTER),
                    or(m.workers(), ServiceSettings.DEFAULT_WORKERS), m.notifyCommand());
        } catch (IllegalArgumentException e) {
            throw new VaultStateException("agent settings " + f + ": " + e.getMessage(), e);
        }
    }

    private static Path path(String s) {
        if (s == null || s.isBlank()) return null;
        return s.startsWith("~/") ? UserHome.path().resolve(s.substring(2)) : Path.of(s);
    }

    private static <T> T or(T value, T absent) {
        return value == null ? absent : value;
    }

    private static <T> T str(T value, String key, Path f) {
        if (value == null) throw new VaultStateException("agent settings " + f + " lack '" + key + "'");
        return value;
    }
}
