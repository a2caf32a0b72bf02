package io.vaultsync.config;

import io.vaultsync.policy.Role;
import io.vaultsync.transport.RemoteAccess;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one agent on one machine. Never synced: they live in the clone's git directory
 * ({@code .git/vaultsync/agent.yaml}), outside the work tree. {@code interval} is how often a running agent
 * asks the remote for news (the fetch interval); {@code pushDebounce} how long files must be quiet before a
 * local change is committed and pushed; {@code rescan} how often the whole work tree is scanned whatever
 * the file watcher says; {@code access} how the remote is reached (key, known hosts, credential files, time limit).
 */
public record AgentSettings(String name, Role role, String machine, String remote, String branch, Duration interval,
        Duration pushDebounce, Duration rescan, RemoteAccess access) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PUSH_DEBOUNCE = Duration.ofMillis(500);
    public static final Duration DEFAULT_RESCAN = Duration.ofMinutes(10);

    public AgentSettings(String name, Role role, String machine, String remote, String branch, Duration interval) {
        this(name, role, machine, remote, branch, interval, DEFAULT_PUSH_DEBOUNCE, DEFAULT_RESCAN, RemoteAccess.DEFAULT);
    }

    public AgentSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(pushDebounce, "push_debounce");
        Objects.requireNonNull(rescan, "rescan");
        Objects.requireNonNull(access, "access");
        if (name.isBlank()) throw new IllegalArgumentException("agent name is blank");
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive");
        if (pushDebounce.isNegative()) throw new IllegalArgumentException("push_debounce must not be negative");
        if (rescan.isNegative() || rescan.isZero()) throw new IllegalArgumentException("rescan must be positive");
    }

    public AgentSettings withInterval(Duration newInterval) {
        return new AgentSettings(name, role, machine, remote, branch, newInterval, pushDebounce, rescan, access);
    }

    public AgentSettings withTiming(Duration newInterval, Duration newPushDebounce, Duration newRescan) {
        return new AgentSettings(name, role, machine, remote, branch, newInterval, newPushDebounce, newRescan, access);
    }

    public AgentSettings withAccess(RemoteAccess newAccess) {
        return new AgentSettings(name, role, machine, remote, branch, interval, pushDebounce, rescan, newAccess);
    }

    public static String defaultName(Role role) {
        return role == Role.CLOUD ? "cloud_agent" : "local_agent";
    }
}
