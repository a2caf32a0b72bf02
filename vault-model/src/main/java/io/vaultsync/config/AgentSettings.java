package io.vaultsync.config;

import io.vaultsync.policy.Role;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one agent on one machine. Never synced: they live in the clone's git directory
 * ({@code .git/vaultsync/agent.yaml}), outside the work tree.
 */
public record AgentSettings(String name, Role role, String machine, String remote, String branch, Duration interval) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    public AgentSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(interval, "interval");
        if (name.isBlank()) throw new IllegalArgumentException("agent name is blank");
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive");
    }

    public AgentSettings withInterval(Duration newInterval) {
        return new AgentSettings(name, role, machine, remote, branch, newInterval);
    }

    public static String defaultName(Role role) {
        return role == Role.CLOUD ? "cloud_agent" : "local_agent";
    }
}
