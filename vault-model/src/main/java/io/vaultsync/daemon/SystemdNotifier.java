package io.vaultsync.daemon;

import io.vaultsync.config.Durations;
import io.vaultsync.sync.LoopHealth;
import io.vaultsync.sync.RunLoop;
import io.vaultsync.sync.SyncReport;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd how the loop does ({@code Type=notify}): {@code READY=1} after the first cycle (well or not:
 * the agent is up and reports), {@code STATUS=} a one-line state after each cycle, {@code WATCHDOG=1} from a
 * timer thread every half {@code WatchdogSec=} but only while {@link LoopHealth} says the loop is alive (so
 * systemd restarts a hung loop), and {@code STOPPING=1} on SIGTERM or SIGINT (or at the latest on close).
 * Without {@code $NOTIFY_SOCKET} it does nothing.
 */
public final class SystemdNotifier implements RunLoop.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);

    private final NotifySocket socket;
    private final LoopHealth health;
    private final Duration period;
    private ScheduledExecutorService timer;
    private boolean ready;
    private boolean stopping;
    private boolean hung;

    /**
     * @param socket where to send, or null for nowhere
     * @param period how often to feed the watchdog, or null for no watchdog
     */
    public SystemdNotifier(NotifySocket socket, LoopHealth health, Duration period) {
        this.socket = socket;
        this.health = health;
        this.period = period;
    }

    /**
     * From the environment systemd sets ({@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC}, {@code WATCHDOG_PID});
     * a socket that cannot be opened is logged and leaves a notifier that does nothing.
     */
    public static SystemdNotifier fromEnvironment(Map<String, String> env, LoopHealth health) {
        Optional<String> where = NotifyProtocol.socket(env.get("NOTIFY_SOCKET"));
        if (where.isEmpty()) return new SystemdNotifier(null, health, null);
        Duration period = NotifyProtocol.watchdogPeriod(env.get("WATCHDOG_USEC"), env.get("WATCHDOG_PID"),
                ProcessHandle.current().pid()).orElse(null);
        try {
            NotifySocket s = NotifySocket.open(where.get());
            LOG.info("notifying systemd at {}{}", s.name(),
                    period == null ? " (no watchdog)" : ", watchdog fed every " + Durations.format(period) + " while the loop is alive");
            return new SystemdNotifier(s, health, period);
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.error("cannot open NOTIFY_SOCKET {}: {}; systemd will not hear from this agent", where.get(), e.toString());
            return new SystemdNotifier(null, health, null);
        }
    }

    /** Whether anything is sent at all. */
    public boolean active() {
        return socket != null;
    }

    @Override
    public synchronized void started() {
        if (socket == null) return;
        send(NotifyProtocol.status("first cycle"));
        if (period != null && timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "systemd-watchdog");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, period.toMillis());
            timer.scheduleAtFixedRate(this::tick, 0, every, TimeUnit.MILLISECONDS);
        }
    }

    /** One watchdog tick (the timer thread): fed only while the loop is alive; the status says when it stops. */
    private synchronized void tick() {
        try {
            if (health.alive()) {
                send(NotifyProtocol.WATCHDOG);
                hung = false;
            } else if (!hung) {
                hung = true;
                LOG.warn("the loop has not moved on within hang_after: the systemd watchdog is no longer fed");
                send(NotifyProtocol.status(NotifyProtocol.statusLine(health.snapshot(), true)));
            }
        } catch (RuntimeException e) {
            // an exception would end the timer's schedule for good, and with it the agent (systemd restarts it)
            LOG.warn("watchdog tick failed: {}", e.toString());
        }
    }

    @Override
    public void cycled(SyncReport report, Duration took) {
        afterCycle();
    }

    @Override
    public void cycleFailed(Exception e, Duration took) {
        afterCycle();
    }

    private synchronized void afterCycle() {
        if (socket == null || stopping) return;
        send(NotifyProtocol.status(NotifyProtocol.statusLine(health.snapshot(), false)));
        if (!ready) {
            ready = true;
            send(NotifyProtocol.READY);
        }
    }

    @Override
    public synchronized void stopping() {
        if (socket == null || stopping) return;
        stopping = true;
        send(NotifyProtocol.STOPPING);
        send(NotifyProtocol.status("stopping"));
    }

    private void send(String message) {
        socket.send(message);
    }

    /** Sends {@code STOPPING=1} if not yet sent, stops the watchdog timer and closes the socket. */
    @Override
    public synchronized void close() throws IOException {
        if (socket == null) return;
        stopping();
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        socket.close();
    }
}
