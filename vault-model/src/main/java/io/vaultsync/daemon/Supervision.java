package io.vaultsync.daemon;

import io.vaultsync.sync.LoopHealth;
import io.vaultsync.sync.RunLoop;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a running agent tells those who supervise it: systemd through its notify socket ({@link SystemdNotifier})
 * and {@code status} through the daemon file ({@link DaemonReporter}). One listener for the loop, added after
 * {@link LoopHealth} (both read its snapshot); closed when the loop returns, which sends {@code STOPPING=1} if
 * the stop came mid-step and removes the daemon file.
 */
public final class Supervision implements AutoCloseable {
    private final SystemdNotifier notifier;
    private final DaemonReporter reporter;

    private Supervision(SystemdNotifier notifier, DaemonReporter reporter) {
        this.notifier = notifier;
        this.reporter = reporter;
    }

    /**
     * For the loop on {@code gitDir}, from the environment systemd sets (no {@code NOTIFY_SOCKET}: no notifying).
     *
     * @param interval how often the loop asks the remote
     * @param watching whether a file watcher drives it
     */
    public static Supervision start(Path gitDir, LoopHealth health, Duration interval, boolean watching,
            Map<String, String> env) {
        return new Supervision(SystemdNotifier.fromEnvironment(env, health),
                new DaemonReporter(gitDir, health, Clock.systemUTC(), interval, watching));
    }

    public RunLoop.Listener listener() {
        return RunLoop.Listener.all(List.of(reporter, notifier));
    }

    /** Where the HTTP endpoint listens ({@code host:port}), for {@code status}; null for none. */
    public void endpoint(String address) {
        reporter.endpoint(address);
    }

    @Override
    public void close() throws IOException {
        try {
            notifier.close();
        } finally {
            reporter.close();
        }
    }
}
