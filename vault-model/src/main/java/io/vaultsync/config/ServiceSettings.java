package io.vaultsync.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How a running agent ({@code run}) serves the people and programs that watch it. Never synced, like the rest
 * of {@link AgentSettings}.
 *
 * @param http       where the HTTP endpoint listens ({@code host:port}; a bare port is loopback), or null for none
 * @param staleAfter {@code /readyz} turns 503 once the last successful sync is older than this; null: 3 × interval
 * @param hangAfter  a loop step (a cycle, a peek) running longer than this counts as hung: {@code /healthz} turns
 *                   503 and the systemd watchdog is no longer fed
 * @param workers    how many handler or executor commands run at once beside the sync loop
 * @param notifyCommand a command run when new drafts or cards arrive (their list as JSON on stdin), or null
 */
public record ServiceSettings(String http, Duration staleAfter, Duration hangAfter, int workers, String notifyCommand) {
    public static final Duration DEFAULT_HANG_AFTER = Duration.ofMinutes(10);
    public static final int DEFAULT_WORKERS = 2;
    public static final ServiceSettings DEFAULT = new ServiceSettings(null, null, DEFAULT_HANG_AFTER, DEFAULT_WORKERS, null);

    public ServiceSettings {
        Objects.requireNonNull(hangAfter, "hang_after");
        if (http != null && http.isBlank()) http = null;
        if (notifyCommand != null && notifyCommand.isBlank()) notifyCommand = null;
        if (staleAfter != null && (staleAfter.isNegative() || staleAfter.isZero())) {
            throw new IllegalArgumentException("stale_after must be positive");
        }
        if (hangAfter.compareTo(Duration.ofSeconds(1)) < 0) throw new IllegalArgumentException("hang_after must be at least 1s");
        if (workers < 1 || workers > 64) throw new IllegalArgumentException("workers must be between 1 and 64");
    }

    /** {@code stale_after}, or its default: three intervals. */
    public Duration staleAfter(Duration interval) {
        return staleAfter != null ? staleAfter : interval.multipliedBy(3);
    }

    public ServiceSettings withHttp(String newHttp) {
        return new ServiceSettings(newHttp, staleAfter, hangAfter, workers, notifyCommand);
    }

    public ServiceSettings withStaleAfter(Duration newStaleAfter) {
        return new ServiceSettings(http, newStaleAfter, hangAfter, workers, notifyCommand);
    }

    public ServiceSettings withHangAfter(Duration newHangAfter) {
        return new ServiceSettings(http, staleAfter, newHangAfter, workers, notifyCommand);
    }

    public ServiceSettings withWorkers(int newWorkers) {
        return new ServiceSettings(http, staleAfter, hangAfter, newWorkers, notifyCommand);
    }

    public ServiceSettings withNotifyCommand(String newNotify) {
        return new ServiceSettings(http, staleAfter, hangAfter, workers, newNotify);
    }
}
