package io.vaultsync.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What a terminal's progress line says and when it is redrawn: pure functions over a snapshot of one phase,
 * so {@link TerminalProgress} only counts, asks and prints. A line reads e.g.
 * {@code checking files: 1204/5000, 34.2 MB, 12.3 MB/s, about 0:07 left}.
 */
public final class ProgressLine {
    private ProgressLine() {}

    /** A terminal line is cut to this many characters, so it never wraps on an 80-column terminal. */
    public static final int WIDTH = 79;

    /**
     * One phase at one moment: its name, the unit its count is in ("files", "objects"), its totals (-1 when
     * not known), what is done, and how long it has run.
     */
    public record Snapshot(String phase, String unit, long totalCount, long totalBytes, long count, long bytes,
            Duration elapsed) {
        public Snapshot {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(elapsed, "elapsed");
            if (elapsed.isNegative()) throw new IllegalArgumentException("elapsed < 0");
        }
    }

    /** The line for {@code s}: phase, count (of total), bytes (of total), rate and, when totals are known, an estimate. */
    public static String render(Snapshot s) {
        StringBuilder b = new StringBuilder(s.phase()).append(": ");
        b.append(s.count());
        if (s.totalCount() >= 0) b.append('/').append(s.totalCount());
        if (!s.phase().endsWith(s.unit())) b.append(' ').append(s.unit()); // not "receiving objects: 5 objects"
        if (s.bytes() > 0 || s.totalBytes() > 0) {
            b.append(", ").append(bytes(s.bytes()));
            if (s.totalBytes() > 0) b.append('/').append(bytes(s.totalBytes()));
        }
        long millis = s.elapsed().toMillis();
        if (millis >= 1000) {
            if (s.bytes() > 0) {
                b.append(", ").append(bytes(s.bytes() * 1000 / millis)).append("/s");
            } else {
                b.append(", ").append(s.count() * 1000 / millis).append(' ').append(s.unit()).append("/s");
            }
        }
        double done = fraction(s);
        if (done > 0 && done < 1 && millis >= 1000) {
            long left = Math.round(millis * (1 - done) / done);
            b.append(", about ").append(clock(Duration.ofMillis(left))).append(" left");
        }
        return b.length() <= WIDTH ? b.toString() : b.substring(0, WIDTH);
    }

    /** How much of the phase is done, 0 to 1, by bytes when their total is known, else by count; -1 when unknown. */
    static double fraction(Snapshot s) {
        if (s.totalBytes() > 0) return Math.min(1.0, (double) s.bytes() / s.totalBytes());
        if (s.totalCount() > 0) return Math.min(1.0, (double) s.count() / s.totalCount());
        return -1;
    }

    /**
     * Whether to draw now, in nanoseconds: only once the phase has run {@code afterNanos} (short work shows
     * nothing), and then at most once every {@code everyNanos}; {@code sinceLastDraw} is negative when nothing
     * was drawn in the phase yet. Longs, not Durations: it is asked on every advance.
     */
    public static boolean drawNow(long sincePhaseBegan, long sinceLastDraw, long afterNanos, long everyNanos) {
        if (sincePhaseBegan < afterNanos) return false;
        return sinceLastDraw < 0 || sinceLastDraw >= everyNanos;
    }

    /** A byte count in human units (1024-based): {@code 512 B}, {@code 1.5 KB}, {@code 34.2 MB}, {@code 2.0 GB}. */
    public static String bytes(long n) {
        if (n < 1024) return n + " B";
        String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** A duration as {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    public static String clock(Duration d) {
        long s = d.toSeconds();
        long h = s / 3600;
        long m = s % 3600 / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
