package io.vaultsync.config;

import io.vaultsync.policy.Role;
import io.vaultsync.config.RemoteAccess;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one agent on one machine. Never synced: they live in the clone's git directory
 * ({@code .git/vaultsync/agent.yaml}), outside the work tree. {@code interval} is how often a running agent
 * asks the remote for news (the fetch interval); {@code pushDebounce} how long files must be quiet before a
 * local change is committed and pushed; {@code rescan} how often the whole work tree is scanned whatever
 * the file watcher says; {@code access} how the remote is reached (key, known hosts, credential files, time limit);
 * {@code lockMaxAge} how old a git lock file must be before it is removed even while a git process works in the
 * vault (a person's {@code git commit} holds {@code index.lock} while its editor is open); {@code service} how a
 * running agent is watched (endpoint, readiness, watchdog, workers, notifications).
 */
public record AgentSettings(String name, Role role, String machine, String remote, String branch, Duration interval,
        Duration pushDebounce, Duration rescan, RemoteAccess access, Duration lockMaxAge, ServiceSettings service) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PUSH_DEBOUNCE = Duration.ofMillis(500);
    public static final Duration DEFAULT_RESCAN = Duration.ofMinutes(10);
    public static final Duration DEFAULT_LOCK_MAX_AGE = Duration.ofMinutes(10);

    public AgentSettings(String name, Role role, String machine, String remote, String branch, Duration interval) {
        this(name, role, machine, remote, branch, interval, DEFAULT_PUSH_DEBOUNCE, DEFAULT_RESCAN, RemoteAccess.DEFAULT,
                DEFAULT_LOCK_MAX_AGE, ServiceSettings.DEFAULT);
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
        Objects.requireNonNull(lockMaxAge, "lock_max_age");
        Objects.requireNonNull(service, "service");
        if (name.isBlank()) throw new IllegalArgumentException("agent name is blank");
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive");
        if (pushDebounce.isNegative()) throw new IllegalArgumentException("push_debounce must not be negative");
        if (rescan.isNegative() || rescan.isZero()) throw new IllegalArgumentException("rescan must be positive");
        if (lockMaxAge.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("lock_max_age must be at least 1m (a person's git command may hold a lock that long)");
        }
    }

    public AgentSettings withInterval(Duration newInterval) {
        return new AgentSettings(name, role, machine, remote, branch, newInterval, pushDebounce, rescan, access, lockMaxAge, service);
    }

    public AgentSettings withTiming(Duration newInterval, Duration newPushDebounce, Duration newRescan) {
        return new AgentSettings(name, role, machine, remote, branch, newInterval, newPushDebounce, newRescan, access, lockMaxAge, service);
    }

    public AgentSettings withAccess(RemoteAccess newAccess) {
        return new AgentSettings(name, role, machine, remote, branch, interval, pushDebounce, rescan, newAccess, lockMaxAge, service);
    }

    public AgentSettings withLockMaxAge(Duration newLockMaxAge) {
        return new AgentSettings(name, role, machine, remote, branch, interval, pushDebounce, rescan, access, newLockMaxAge, service);
    }

    public AgentSettings withService(ServiceSettings newService) {
        return new AgentSettings(name, role, machine, remote, branch, interval, pushDebounce, rescan, access, lockMaxAge, newService);
    }

    public static String defaultName(Role role) {
        return role == Role.CLOUD ? "cloud_agent" : "local_agent";
    }
}
