package io.vaultsync.doctor;

import io.vaultsync.sync.AgentLock;
import io.vaultsync.sync.SyncState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Whether {@code run} is running on the vault, and how its last cycle went. The daemon holds an OS lock on
 * {@code .git/vaultsync/daemon.lock} for its whole life and writes its pid into it; {@link #probe} tries
 * that lock (shared, released at once) and {@link #decide} turns what it saw and the checkpoint into a line.
 */
public final class DaemonCheck {
    public static final String NAME = "daemon";
    static final String START_FIX = "start the agent's daemon: its systemd unit (vaultsync-cloud/-local.service) or"
            + " `run --vault DIR` under a supervisor";

    private DaemonCheck() {}

    /** What the lock file told: whether a live process holds it, and the pid written in it (null if none). */
    public record Probe(boolean running, String pid) {}

    /** The line for a probe and the checkpoint, at {@code now}. Pure. */
    public static Check decide(Probe probe, SyncState state, Instant now) {
        String last = lastCycle(state, now);
        if (!probe.running()) {
            return Check.warn(NAME, "no daemon running on this vault; " + last, START_FIX);
        }
        String who = "running" + (probe.pid() == null ? "" : " (pid " + probe.pid() + ")");
        SyncState.TransportError te = state.transportError();
        if (te != null) {
            return Check.warn(NAME, who + "; " + synced(state, now) + "; the remote has failed since " + shown(te.since())
                    + " (" + ago(te.since(), now) + ", " + state.consecutiveFailures() + (state.consecutiveFailures() == 1 ? " attempt" : " attempts") + " in a row): " + te.message(),
                    "fix what the remote checks above name; the daemon retries by itself and keeps local work");
        }
        if (state.consecutiveFailures() > 0) {
            return Check.warn(NAME, who + "; " + last,
                    "read the daemon's log (journalctl -u <its unit>) for the cause; `sync --vault DIR` shows it too");
        }
        return Check.ok(NAME, who + "; " + last);
    }

    private static String synced(SyncState s, Instant now) {
        return s.lastSync() == null ? "never synced" : "last sync " + shown(s.lastSync()) + " (" + ago(s.lastSync(), now) + ")";
    }

    static String lastCycle(SyncState s, Instant now) {
        String sync = synced(s, now);
        if (s.consecutiveFailures() == 0 || s.lastAttempt() == null) {
            return s.lastSync() == null || s.lastOutcome() == null ? sync : sync + ": " + s.lastOutcome();
        }
        return sync + "; last attempt " + shown(s.lastAttempt()) + " ended " + s.lastOutcome() + ", " + s.consecutiveFailures()
                + " failed in a row";
    }

    private static String shown(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.isNegative()) return "in the future by " + human(d.negated());
        return human(d) + " ago";
    }

    private static String human(Duration d) {
        long s = d.getSeconds();
        if (s < 120) return s + "s";
        if (s < 7200) return s / 60 + "m";
        if (s < 172800) return s / 3600 + "h";
        return s / 86400 + "d";
    }

    /**
     * Tries the daemon lock without waiting. A lock this JVM already holds (OverlappingFileLockException) is
     * a running daemon too. Only for use from a separate process: on systems with POSIX lock semantics,
     * closing this channel would drop a lock the same JVM holds through another one.
     */
    public static Probe probe(Path gitDir) throws IOException {
        Path f = AgentLock.daemonFile(gitDir);
        if (!Files.isRegularFile(f)) return new Probe(false, null);
        boolean held;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            try {
                FileLock l = ch.tryLock(0L, Long.MAX_VALUE, true);
                held = l == null;
                if (l != null) l.release();
            } catch (OverlappingFileLockException sameProcess) {
                held = true;
            }
        } catch (NoSuchFileException gone) {
            return new Probe(false, null);
        }
        return new Probe(held, held ? pid(f) : null);
    }

    private static String pid(Path f) throws IOException {
        String s = new String(Files.readAllBytes(f), StandardCharsets.US_ASCII).trim();
        return s.matches("\\d{1,10}") ? s : null;
    }
}
