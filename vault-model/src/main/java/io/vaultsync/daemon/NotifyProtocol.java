package io.vaultsync.daemon;

import io.vaultsync.sync.LoopHealth;
import io.vaultsync.transport.Redact;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * systemd's notify protocol (sd_notify(3)), the decisions only: the messages, the one-line status, where to
 * send them and whether the watchdog is fed. No I/O here: {@link NotifySocket} sends, {@link SystemdNotifier}
 * decides when (the watchdog is fed while {@link LoopHealth#alive()}).
 */
public final class NotifyProtocol {
    public static final String READY = "READY=1";
    public static final String WATCHDOG = "WATCHDOG=1";
    public static final String STOPPING = "STOPPING=1";
    /** The longest STATUS= text sent; systemctl shows one line. */
    public static final int MAX_STATUS = 200;

    private NotifyProtocol() {}

    /** {@code STATUS=} and the text on one line: control characters become spaces, at most {@link #MAX_STATUS}. */
    public static String status(String text) {
        return "STATUS=" + oneLine(text, MAX_STATUS);
    }

    /** {@code text} without control characters or runs of blanks, cut to {@code max} characters (with "..."). */
    public static String oneLine(String text, int max) {
        if (text == null) return "";
        StringBuilder b = new StringBuilder(Math.min(text.length(), max + 1));
        for (int i = 0; i < text.length() && b.length() <= max; i++) {
            char c = text.charAt(i);
            boolean blank = Character.isISOControl(c) || Character.isWhitespace(c) || c == '\u2028' || c == '\u2029';
            if (blank) {
                if (b.length() > 0 && b.charAt(b.length() - 1) != ' ') b.append(' ');
            } else {
                b.append(c);
            }
        }
        String s = b.toString().strip();
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    /**
     * The socket to send to, from {@code $NOTIFY_SOCKET}: an absolute path or an abstract name ({@code @...});
     * empty when unset or anything else (systemd sets only those two kinds).
     */
    public static Optional<String> socket(String notifySocket) {
        if (notifySocket == null || notifySocket.length() < 2) return Optional.empty();
        return notifySocket.startsWith("/") || notifySocket.startsWith("@") ? Optional.of(notifySocket) : Optional.empty();
    }

    /**
     * How often to send {@code WATCHDOG=1}: half of {@code $WATCHDOG_USEC} (as sd_watchdog_enabled(3) advises),
     * and only if {@code $WATCHDOG_PID} is unset or names this process; empty if the watchdog is off.
     */
    public static Optional<Duration> watchdogPeriod(String watchdogUsec, String watchdogPid, long myPid) {
        if (watchdogUsec == null || watchdogUsec.isBlank()) return Optional.empty();
        if (watchdogPid != null && !watchdogPid.isBlank() && !watchdogPid.strip().equals(Long.toString(myPid))) {
            return Optional.empty();
        }
        try {
            long usec = Long.parseLong(watchdogUsec.strip());
            if (usec <= 0) return Optional.empty();
            return Optional.of(Duration.ofNanos(Math.max(usec / 2, 1000) * 1000));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The one-line state for {@code STATUS=}: whether the loop runs (or is hung: {@code hung}, the watchdog no
     * longer fed) and how the last cycle ended, e.g. {@code "running; last cycle 2026-01-02T03:04:05Z Synced"} or
     * {@code "running; last cycle 2026-01-02T03:04:05Z Offline (3 in a row): remote unreachable; last success ..."}.
     */
    public static String statusLine(LoopHealth.Snapshot s, boolean hung) {
        StringBuilder b = new StringBuilder();
        if (s.stopping()) b.append("stopping");
        else if (hung) b.append("hung: a step or a wait overstayed hang_after");
        else if (s.lastCycle() == null) b.append("first cycle");
        else b.append("running");
        if (s.lastCycle() != null) {
            b.append("; last cycle ").append(time(s.lastCycle())).append(' ').append(s.lastOutcome());
            if (s.failedInRow() > 0) b.append(" (").append(s.failedInRow()).append(" in a row)");
            if (s.lastError() != null && s.failedInRow() > 0) b.append(": ").append(Redact.text(s.lastError()));
            if (s.failedInRow() > 0) b.append("; last success ").append(s.lastSuccess() == null ? "never" : time(s.lastSuccess()));
        }
        return oneLine(b.toString(), MAX_STATUS);
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
