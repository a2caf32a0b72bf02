package io.vaultsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.git.ScanScope;
import io.vaultsync.sync.LoopState.Ended;
import io.vaultsync.sync.LoopState.OnPeek;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The running agent's memory between steps: what a cycle scans, and when unfinished work is retried. */
class LoopStateTest {
    static final Duration EVERY = Duration.ofSeconds(1);
    static final long S = 1_000_000_000L;
    static final ScanScope A = ScanScope.paths(Set.of("Plans/a.md"));
    static final ScanScope B = ScanScope.paths(Set.of("Plans/b.md"));

    static Stream<Arguments> scopes() {
        LoopState clean = LoopState.start(0);
        LoopState leftA = new LoopState(0L, 0, A, true, 1, 0);
        return Stream.of(
                Arguments.of("start: everything", clean, new CycleSchedule.Full("start"), B, ScanScope.ALL),
                Arguments.of("periodic rescan: everything", leftA, new CycleSchedule.Full("periodic rescan"), B, ScanScope.ALL),
                Arguments.of("files changed: the changed paths", clean, new CycleSchedule.Full(CycleSchedule.FILES_CHANGED), B, B),
                Arguments.of("files changed after a failed cycle: its paths too", leftA,
                        new CycleSchedule.Full(CycleSchedule.FILES_CHANGED), B, A.with(B)),
                Arguments.of("after a peek: the paths a failed cycle left and the changed ones", leftA, new CycleSchedule.Peek(), B,
                        A.with(B)),
                Arguments.of("watcher lost events: everything", leftA, new CycleSchedule.Peek(), ScanScope.ALL, ScanScope.ALL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopes")
    void aFullCycleScans(String name, LoopState state, CycleSchedule.Next next, ScanScope drained, ScanScope want) {
        assertThat(state.scope(next, drained)).isEqualTo(want);
    }

    static Stream<Arguments> endings() {
        // row: how the cycle ended, failures in a row before, then what is kept: pending, unfinished, failures, retry after
        return Stream.of(
                Arguments.of(Ended.DONE, 3, ScanScope.NONE, false, 0, EVERY),
                Arguments.of(Ended.UNFINISHED, 0, ScanScope.NONE, true, 1, EVERY),
                Arguments.of(Ended.UNFINISHED, 2, ScanScope.NONE, true, 3, EVERY.multipliedBy(4)),
                Arguments.of(Ended.FAILED, 0, A, true, 1, EVERY),
                Arguments.of(Ended.FAILED, 1, A, true, 2, EVERY.multipliedBy(2)));
    }

    @ParameterizedTest(name = "{0} after {1} failed")
    @MethodSource("endings")
    void aCycleLeavesForTheNext(Ended end, int failedBefore, ScanScope pending, boolean unfinished, int failed, Duration retry) {
        LoopState before = new LoopState(null, 0, B, true, failedBefore, 0);
        LoopState after = before.cycled(10 * S, EVERY, A, end, 12 * S);
        assertThat(after).isEqualTo(new LoopState(10 * S, 11 * S, pending, unfinished, failed, 12 * S + retry.toNanos()));
    }

    @Test
    void unfinishedWorkIsRetriedOnlyOnceItsDelayHasPassedAndThenWithoutAskingTheRemote() {
        LoopState offline = LoopState.start(0).cycled(0, EVERY, ScanScope.ALL, Ended.UNFINISHED, 0)
                .cycled(0, EVERY, ScanScope.ALL, Ended.UNFINISHED, 0); // retry in two intervals
        assertThat(offline.onPeek(S)).isEqualTo(OnPeek.WORK_ONLY);
        assertThat(offline.onPeek(2 * S)).isEqualTo(OnPeek.CYCLE);
        assertThat(offline.cycled(2 * S, EVERY, ScanScope.ALL, Ended.DONE, 2 * S).onPeek(2 * S)).isEqualTo(OnPeek.ASK_REMOTE);
        assertThat(LoopState.start(0).onPeek(-S)).as("nothing unfinished: ask, however early").isEqualTo(OnPeek.ASK_REMOTE);
    }

    @Test
    void commitsGoingEitherWayMakeTheRemoteAskedOftenForAFewSecondsThenAtTheIntervalAgain() {
        long ms = 1_000_000L;
        LoopState idle = LoopState.start(0).cycled(0, EVERY, ScanScope.ALL, Ended.DONE, S / 10, 0, 0);
        assertThat(idle.nextPeek()).as("nothing moved: an interval after the cycle began").isEqualTo(S);
        assertThat(idle.peekDue(S, EVERY).nextPeek()).isEqualTo(2 * S);
        for (int[] traffic : new int[][] {{1, 0}, {0, 1}, {2, 3}}) {
            LoopState busy = idle.cycled(10 * S, EVERY, ScanScope.NONE, Ended.DONE, 10 * S + 300 * ms, traffic[0], traffic[1]);
            assertThat(busy.nextPeek()).as("pushed %d, pulled %d: soon after the cycle", traffic[0], traffic[1])
                    .isEqualTo(10 * S + 550 * ms);
            assertThat(busy.peekDue(14 * S, EVERY).nextPeek()).as("still inside the few seconds").isEqualTo(14 * S + 250 * ms);
            assertThat(busy.peekDue(16 * S, EVERY).nextPeek()).as("after them: the interval again").isEqualTo(17 * S);
        }
        assertThat(LoopState.peekEvery(0, new CycleSchedule.Window(0, S), Duration.ofMillis(100)))
                .as("an interval shorter than the fast one stays").isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void onlyACycleThatPulledCommitsMarksItsSpanAsItsOwnWrites() {
        LoopState pushed = LoopState.start(0).cycled(S, EVERY, ScanScope.NONE, Ended.DONE, 2 * S, 1, 0);
        assertThat(pushed.own()).isEqualTo(CycleSchedule.Window.NEVER);
        LoopState pulled = pushed.cycled(3 * S, EVERY, ScanScope.NONE, Ended.DONE, 4 * S, 0, 1);
        assertThat(pulled.own()).isEqualTo(new CycleSchedule.Window(3 * S, 4 * S));
        TreeWatcher.Seen fetchedThenWritten = new TreeWatcher.Seen(true, 4 * S + 100, 4 * S + 100, 4 * S - 100);
        assertThat(pulled.changes(fetchedThenWritten, Duration.ofMillis(500)).burst()).isFalse();
        assertThat(pushed.changes(fetchedThenWritten, Duration.ofMillis(500)).burst()).isTrue();
        assertThat(pulled.changes(new TreeWatcher.Seen(false, 0, 0, null), Duration.ofMillis(500)))
                .isEqualTo(CycleSchedule.Changes.NONE);
    }

    @Test
    void aDuePeekMovesTheNextOneAnIntervalOn() {
        assertThat(LoopState.start(0).peekDue(5 * S, EVERY).nextPeek()).isEqualTo(6 * S);
    }
}
