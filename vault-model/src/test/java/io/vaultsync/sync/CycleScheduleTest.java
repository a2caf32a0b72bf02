package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.sync.CycleSchedule.Changes;
import io.vaultsync.sync.CycleSchedule.Window;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The running agent's next step, as a table. Times in milliseconds from an arbitrary origin. */
class CycleScheduleTest {
    static final Duration DEBOUNCE = Duration.ofMillis(500);
    static final Duration RESCAN = Duration.ofMinutes(10);
    static final long MS = 1_000_000L;

    static Arguments row(String name, long now, Long lastFull, long nextPeek, Changes changes, CycleSchedule.Next want) {
        return Arguments.of(name, now, lastFull, nextPeek, changes, want);
    }

    static Changes quiet(long first, long last) {
        return new Changes(true, first * MS, last * MS, false);
    }

    static Changes burst(long first, long last) {
        return new Changes(true, first * MS, last * MS, true);
    }

    static Stream<Arguments> table() {
        long t = 1_000_000;
        CycleSchedule.Full files = new CycleSchedule.Full(CycleSchedule.FILES_CHANGED);
        return Stream.of(
                row("first tick: a full cycle", t, null, t, Changes.NONE, new CycleSchedule.Full("start")),
                row("idle, peek not due: wait for it", t, t - 100, t + 900, Changes.NONE, new CycleSchedule.Wait(Duration.ofMillis(900))),
                row("idle, peek due: peek (no scan)", t, t - 5000, t, Changes.NONE, new CycleSchedule.Peek()),
                row("one change on a quiet tree: full once the tree was still for the settle", t, t - 5000, t + 900,
                        quiet(t - 50, t - 50), files),
                row("a quiet tree's change just made: wait out the settle (a batch goes in one commit)", t, t - 5000, t + 900,
                        quiet(t, t), new CycleSchedule.Wait(Duration.ofMillis(50))),
                row("a quiet tree's batch still being written: wait for the settle after its last change", t, t - 5000, t + 900,
                        quiet(t - 30, t - 10), new CycleSchedule.Wait(Duration.ofMillis(40))),
                row("a quiet tree's steady stream: full four settles after its first change", t, t - 5000, t + 900,
                        quiet(t - 200, t - 1), files),
                row("a burst, quiet for less than the debounce: wait for the debounce after the last change", t, t - 5000, t + 900,
                        burst(t - 300, t - 100), new CycleSchedule.Wait(Duration.ofMillis(400))),
                row("a burst, quiet for the debounce: full", t, t - 5000, t + 900, burst(t - 800, t - 500), files),
                row("a burst's wait is cut short by a due peek", t, t - 5000, t + 100, burst(t - 300, t - 100),
                        new CycleSchedule.Wait(Duration.ofMillis(100))),
                row("a steady stream: full at the latest four debounces after the burst's first change", t, t - 5000, t + 900,
                        burst(t - 2000, t - 10), files),
                row("a steady stream, not yet four debounces long: wait for what comes first", t, t - 5000, t + 900,
                        burst(t - 1950, t - 10), new CycleSchedule.Wait(Duration.ofMillis(50))),
                row("rescan due though idle: full", t, t - 600_000, t + 900, Changes.NONE, new CycleSchedule.Full("periodic rescan")),
                row("rescan nearer than the peek: wait for the rescan", t, t - 599_800, t + 900, Changes.NONE,
                        new CycleSchedule.Wait(Duration.ofMillis(200))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, long now, Long lastFull, long nextPeek, Changes changes, CycleSchedule.Next want) {
        assertThat(CycleSchedule.decide(now * MS, lastFull == null ? null : lastFull * MS, nextPeek * MS, changes, DEBOUNCE, RESCAN))
                .isEqualTo(want);
    }

    static Stream<Arguments> bursts() {
        long t = 1_000_000;
        Window never = Window.NEVER;
        Window cycle = new Window((t - 400) * MS, (t - 100) * MS); // the last cycle that wrote fetched changes
        return Stream.of(
                Arguments.of("the first change the watcher ever saw: a quiet tree", t, null, never, false),
                Arguments.of("nothing for a debounce before it: a quiet tree", t, t - 500, never, false),
                Arguments.of("a change shortly before it: a burst", t, t - 499, never, true),
                Arguments.of("the change before was a fetched write of the last cycle: a quiet tree", t, t - 200, cycle, false),
                Arguments.of("the change itself came during that cycle: the cycle's own, not a burst", t - 150, t - 450, cycle, false),
                Arguments.of("both after that cycle ended: a burst", t, t - 50, cycle, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bursts")
    void aChangeContinuesABurst(String name, long first, Long before, Window own, boolean want) {
        assertThat(CycleSchedule.burst(first * MS, before == null ? null : before * MS, own, DEBOUNCE)).isEqualTo(want);
    }
}
