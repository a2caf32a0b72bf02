package io.vaultsync.progress;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Progress as one line on a terminal, redrawn in place ({@code \r}) at most {@link #DRAWS_PER_SECOND} times a
 * second, and only once a phase has run a while: short work prints nothing. {@link #end} clears the line, as
 * does anything else printed on the same stderr ({@link ProgressErr}).
 * {@link #advance} is cheap and safe from several threads at once (two adders, a volatile read, a clock read);
 * what is drawn and when is decided by {@link ProgressLine}.
 */
public final class TerminalProgress implements Progress {
    /** At most this many redraws a second. */
    public static final int DRAWS_PER_SECOND = 4;
    private static final long EVERY = 1_000_000_000L / DRAWS_PER_SECOND;

    /** A phase under way: what it is, its totals (-1 not known), and when it began (nanoseconds). */
    private record Phase(String name, String unit, long totalCount, long totalBytes, long began) {}

    private final ProgressErr err;
    private final long afterNanos;
    private final LongSupplier nanos;
    private final LongAdder count = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private volatile Phase phase;
    private volatile long lastDraw;
    private volatile boolean drawn;

    /** A display on {@code err} that shows a phase once it has run {@code after} by {@code nanos}. */
    public TerminalProgress(ProgressErr err, Duration after, LongSupplier nanos) {
        this.err = Objects.requireNonNull(err, "err");
        this.afterNanos = Objects.requireNonNull(after, "after").toNanos();
        this.nanos = Objects.requireNonNull(nanos, "nanos");
    }

    @Override
    public void begin(String phase, long totalFiles, long totalBytes) {
        start(new Phase(Objects.requireNonNull(phase, "phase"), "files", totalFiles, totalBytes, nanos.getAsLong()));
    }

    @Override
    public void beginCount(String phase, String unit, long total) {
        start(new Phase(Objects.requireNonNull(phase, "phase"), Objects.requireNonNull(unit, "unit"), total, -1,
                nanos.getAsLong()));
    }

    private synchronized void start(Phase p) {
        err.clearLine();
        count.reset();
        bytes.reset();
        drawn = false;
        phase = p;
    }

    @Override
    public void advance(long files, long byteCount) {
        if (files != 0) count.add(files);
        if (byteCount != 0) bytes.add(byteCount);
        Phase p = phase;
        if (p == null) return;
        long now = nanos.getAsLong();
        if (due(p, now)) draw(p, now);
    }

    /** Whether to draw at {@code now}; a thread that read the clock before another drew is not due. */
    private boolean due(Phase p, long now) {
        return ProgressLine.drawNow(now - p.began(), drawn ? Math.max(0, now - lastDraw) : -1, afterNanos, EVERY);
    }

    private synchronized void draw(Phase p, long now) {
        // another thread may have drawn, or the phase ended, since this one asked
        if (phase != p || !due(p, now)) return;
        lastDraw = now;
        drawn = true;
        String line = ProgressLine.render(new ProgressLine.Snapshot(p.name(), p.unit(), p.totalCount(), p.totalBytes(),
                count.sum(), bytes.sum(), Duration.ofNanos(now - p.began())));
        err.draw(line);
    }

    @Override
    public synchronized void end() {
        err.clearLine();
        phase = null;
    }
}
