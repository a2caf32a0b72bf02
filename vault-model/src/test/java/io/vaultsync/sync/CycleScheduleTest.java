package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

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

    static Arguments row(String name, long now, Long lastFull, long nextPeek, boolean dirty, long first, long last, CycleSchedule.Next want) {
        return Arguments.of(name, now, lastFull, nextPeek, dirty, first, last, want);
    }

    static Stream<Arguments> table() {
        long t = 1_000_000;
        return Stream.of(
                row("first tick: a full cycle", t, null, t, false, 0, 0, new CycleSchedule.Full("start")),
                row("idle, peek not due: wait for it", t, t - 100, t + 900, false, 0, 0, new CycleSchedule.Wait(Duration.ofMillis(900))),
                row("idle, peek due: peek (no scan)", t, t - 5000, t, false, 0, 0, new CycleSchedule.Peek()),
                row("a change, still busy: wait out the quiet gap", t, t - 5000, t + 900, true, t - 50, t - 50,
                        new CycleSchedule.Wait(Duration.ofMillis(50))),
                row("a change, quiet for a fifth of the debounce: full", t, t - 5000, t + 900, true, t - 100, t - 100,
                        new CycleSchedule.Full("files changed")),
                row("a stream of writes: full at the latest a debounce after the first", t, t - 5000, t + 900, true, t - 500,
                        t - 10, new CycleSchedule.Full("files changed")),
                row("a stream of writes, not yet a debounce long: wait", t, t - 5000, t + 900, true, t - 450, t - 10,
                        new CycleSchedule.Wait(Duration.ofMillis(50))),
                row("rescan due though idle: full", t, t - 600_000, t + 900, false, 0, 0, new CycleSchedule.Full("periodic rescan")),
                row("rescan nearer than the peek: wait for the rescan", t, t - 599_800, t + 900, false, 0, 0,
                        new CycleSchedule.Wait(Duration.ofMillis(200))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, long now, Long lastFull, long nextPeek, boolean dirty, long first, long last, CycleSchedule.Next want) {
        assertThat(CycleSchedule.decide(now * MS, lastFull == null ? null : lastFull * MS, nextPeek * MS, dirty, first * MS, last * MS,
                DEBOUNCE, RESCAN)).isEqualTo(want);
    }
}
