package io.vaultsync.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.process.ProcessIdentity;
import io.vaultsync.work.EarlierCall.Running;
import io.vaultsync.work.EarlierCall.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whether a key may start while a call with it from before a restart may still run: the table of cases. */
class EarlierCallTest {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Duration TIMEOUT = Duration.ofMinutes(5);
    static final Running CALL = new Running("k", new ProcessIdentity("boot", 4242, 4242, 987654), T0);

    static Arguments row(String name, boolean interrupted, Optional<Running> recorded, boolean alive, Duration sinceT0,
            Verdict want) {
        return Arguments.of(name, interrupted, recorded, alive, T0.plus(sinceT0), want);
    }

    static Stream<Arguments> table() {
        Optional<Running> none = Optional.empty();
        Optional<Running> call = Optional.of(CALL);
        Duration minute = Duration.ofMinutes(1);
        return Stream.of(
                row("never started: start", false, none, false, minute, new EarlierCall.Start()),
                row("last call ended in the ledger: a stale record does not count", false, call, true, minute,
                        new EarlierCall.Start()),
                row("interrupted, nothing recorded (killed before the record): start again, same key", true, none, false,
                        minute, new EarlierCall.Start()),
                row("interrupted, its process gone: start again, same key", true, call, false, minute,
                        new EarlierCall.Ended(4242)),
                row("interrupted, its pid reused (start time differs, so not alive): start again", true, call, false,
                        Duration.ofDays(3), new EarlierCall.Ended(4242)),
                row("interrupted, it still runs: wait", true, call, true, minute, new EarlierCall.StillRunning(4242, T0)),
                row("interrupted, it still runs just before its time limit: wait", true, call, true,
                        TIMEOUT.minusMillis(1), new EarlierCall.StillRunning(4242, T0)),
                row("interrupted, it still runs at its time limit: stop it, a failure", true, call, true, TIMEOUT,
                        new EarlierCall.Overdue(CALL, TIMEOUT)),
                row("interrupted, it still runs long past its time limit: stop it", true, call, true, Duration.ofDays(1),
                        new EarlierCall.Overdue(CALL, TIMEOUT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decide(String name, boolean interrupted, Optional<Running> recorded, boolean alive, Instant now, Verdict want) {
        Verdict got = EarlierCall.decide(interrupted, recorded, alive, now, TIMEOUT);
        assertThat(got).isEqualTo(want);
        assertThat(got.mayStart()).isEqualTo(want instanceof EarlierCall.Start || want instanceof EarlierCall.Ended);
    }
}
