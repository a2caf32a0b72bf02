package io.vaultsync.sync;

import java.time.Duration;

/**
 * What a running agent does next, from the clock and the watcher alone. Pure.
 * <ul>
 * <li>a full cycle (scan, commit, fetch, push): at start; once files changed and then stayed quiet for a
 * fifth of the debounce, or at the latest a debounce after the first change (a steady stream of writes
 * cannot hold a change back longer); and at least every rescan period (the safety net for missed events);</li>
 * <li>a peek: at each fetch interval with nothing changed locally, ask the remote for its head only;
 * a full cycle follows only if it moved;</li>
 * <li>otherwise wait, until the earliest of those.</li>
 * </ul>
 */
public final class CycleSchedule {
    private CycleSchedule() {}

    /** Why a full cycle runs when files changed: only then may its scan look at the changed paths alone. */
    public static final String FILES_CHANGED = "files changed";

    public sealed interface Next {}

    public record Full(String why) implements Next {}

    public record Peek() implements Next {}

    public record Wait(Duration d) implements Next {}

    /**
     * @param now        System.nanoTime()
     * @param lastFull   when the last full cycle started, or null before the first
     * @param nextPeek   when the remote is due to be asked
     * @param firstChange when the watcher first saw a change since it was cleared (meaningful only if dirty)
     * @param lastChange  when it last saw one
     */
    public static Next decide(long now, Long lastFull, long nextPeek, boolean dirty, long firstChange, long lastChange,
            Duration debounce, Duration rescan) {
        if (lastFull == null) return new Full("start");
        long quietFor = now - lastChange;
        long quietGap = debounce.toNanos() / 5;
        long waited = now - firstChange;
        if (dirty && (quietFor >= quietGap || waited >= debounce.toNanos())) return new Full(FILES_CHANGED);
        long sinceFull = now - lastFull;
        if (sinceFull >= rescan.toNanos()) return new Full("periodic rescan");
        if (now - nextPeek >= 0) return new Peek();
        long wait = Math.min(nextPeek - now, rescan.toNanos() - sinceFull);
        if (dirty) wait = Math.min(wait, Math.min(quietGap - quietFor, debounce.toNanos() - waited));
        return new Wait(Duration.ofNanos(Math.max(wait, 1_000_000)));
    }
}
