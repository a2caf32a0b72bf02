package io.vaultsync.sync;

import java.time.Duration;

/**
 * What a running agent does next, from the clock and the watcher alone. Pure.
 * <ul>
 * <li>a full cycle (scan, commit, fetch, push): at start; when files changed on a quiet tree, almost at once (a
 * leading-edge debounce: once the tree has been still for {@link #SETTLE}, so that a batch written together, as
 * a program or an editor writes one, goes in one commit, and at most {@link #HOLD_LIMIT} settles after the
 * first change); when they change inside a burst, once they stayed quiet
 * for the debounce after the last change, or at the latest {@link #HOLD_LIMIT} debounces after the burst's
 * first (a steady stream of writes cannot hold a change back longer); and at least every rescan period (the
 * safety net for missed events);</li>
 * <li>a peek: when the remote is due to be asked (see {@link LoopState#peekEvery}), with nothing changed
 * locally, ask the remote for its head only; a full cycle follows only if it moved;</li>
 * <li>otherwise wait, until the earliest of those.</li>
 * </ul>
 */
public final class CycleSchedule {
    private CycleSchedule() {}

    /** Why a full cycle runs when files changed: only then may its scan look at the changed paths alone. */
    public static final String FILES_CHANGED = "files changed";

    /** Inside a burst, a change is held back at most this many debounces after the burst's first change. */
    public static final int HOLD_LIMIT = 4;

    /** On a quiet tree, how long it must stay still after a change (at most the debounce). */
    public static final Duration SETTLE = Duration.ofMillis(50);

    public sealed interface Next {}

    public record Full(String why) implements Next {}

    public record Peek() implements Next {}

    public record Wait(Duration d) implements Next {}

    /**
     * What the watcher saw since the last cycle drained it.
     *
     * @param dirty a change came since
     * @param first when the first of those came ({@code System.nanoTime()}; meaningful only if dirty)
     * @param last  when the last came
     * @param burst the first came inside a burst ({@link #burst}): the changes wait for the debounce
     */
    public record Changes(boolean dirty, long first, long last, boolean burst) {
        /** Nothing changed. */
        public static final Changes NONE = new Changes(false, 0, 0, false);
    }

    /**
     * Whether a change at {@code first} continues a burst: the change before it ({@code before}, null if none)
     * came less than a debounce earlier, and neither of them fell inside {@code own}, the last cycle that wrote
     * fetched changes into the work tree (their file events are that cycle's own writes, not a person's burst).
     */
    public static boolean burst(long first, Long before, Window own, Duration debounce) {
        if (before == null || first - before >= debounce.toNanos()) return false;
        return !own.holds(first) && !own.holds(before);
    }

    /**
     * A span of {@code System.nanoTime()}, both ends included; {@link #NEVER} holds nothing.
     */
    public record Window(long from, long to) {
        public static final Window NEVER = new Window(1, 0);

        boolean holds(long t) {
            return t - from >= 0 && to - t >= 0;
        }
    }

    /**
     * @param now      System.nanoTime()
     * @param lastFull when the last full cycle started, or null before the first
     * @param nextPeek when the remote is due to be asked
     * @param changes  what the watcher saw since the last drain
     */
    public static Next decide(long now, Long lastFull, long nextPeek, Changes changes, Duration debounce, Duration rescan) {
        if (lastFull == null) return new Full("start");
        long quietFor = now - changes.last();
        long waited = now - changes.first();
        long still = changes.burst() ? debounce.toNanos() : Math.min(SETTLE.toNanos(), debounce.toNanos());
        long hold = still * HOLD_LIMIT;
        if (changes.dirty() && (quietFor >= still || waited >= hold)) return new Full(FILES_CHANGED);
        long sinceFull = now - lastFull;
        if (sinceFull >= rescan.toNanos()) return new Full("periodic rescan");
        if (now - nextPeek >= 0) return new Peek();
        long wait = Math.min(nextPeek - now, rescan.toNanos() - sinceFull);
        if (changes.dirty()) wait = Math.min(wait, Math.min(still - quietFor, hold - waited));
        return new Wait(Duration.ofNanos(Math.max(wait, 1_000_000)));
    }
}
