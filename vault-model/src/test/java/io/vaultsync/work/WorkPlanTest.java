package io.vaultsync.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.config.Actions;
import io.vaultsync.work.WorkLedger.Entry;
import io.vaultsync.work.WorkLedger.Event;
import io.vaultsync.work.WorkPlan.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What happens next to an approved item, from its ledger alone: the table of cases. */
class WorkPlanTest {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    /** 3 tries; 10 s after the first failure, 20 s after the second. */
    static final Actions ACTIONS = new Actions(Map.of(), Map.of(), 3, Duration.ofSeconds(10), Duration.ofMinutes(1));

    /** Events at T0, T0+1s, ...; "failed" details are "exit 1". */
    static List<Entry> ledger(Object... events) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            Object e = events[i];
            Event ev = e instanceof Event x ? x : Event.CARDED;
            String detail = switch (ev) {
                case FAILED -> "exit 1";
                case SUCCEEDED -> "exit 0";
                case CARDED -> (String) e;
                default -> "";
            };
            out.add(new Entry("k", "Approved/a.md", ev, T0.plusSeconds(i), detail));
        }
        return out;
    }

    static Arguments row(String name, List<Entry> ledger, Duration sinceT0, Step want) {
        return Arguments.of(name, ledger, T0.plus(sinceT0), want);
    }

    static Stream<Arguments> table() {
        Event S = Event.STARTED;
        Event F = Event.FAILED;
        return Stream.of(
                row("never tried: run", ledger(), Duration.ZERO, new WorkPlan.Run(1, false)),
                row("killed while running: run again with the same key", ledger(S), Duration.ofSeconds(5),
                        new WorkPlan.Run(1, true)),
                row("killed after a success was recorded: only finish", ledger(S, Event.SUCCEEDED), Duration.ofSeconds(5),
                        new WorkPlan.Finish("exit 0")),
                row("done: nothing", ledger(S, Event.SUCCEEDED, Event.DONE), Duration.ofHours(1), new WorkPlan.Nothing()),
                row("one failure, delay not over: wait", ledger(S, F), Duration.ofSeconds(5),
                        new WorkPlan.Wait(T0.plusSeconds(11))),
                row("one failure, delay over: second try", ledger(S, F), Duration.ofSeconds(11), new WorkPlan.Run(2, false)),
                row("two failures: the delay doubles", ledger(S, F, S, F), Duration.ofSeconds(22),
                        new WorkPlan.Wait(T0.plusSeconds(23))),
                row("killed during the third try: third try again", ledger(S, F, S, F, S), Duration.ofMinutes(5),
                        new WorkPlan.Run(3, true)),
                row("max failures: raise a card", ledger(S, F, S, F, S, F), Duration.ofMinutes(5),
                        new WorkPlan.RaiseCard(3, "exit 1")),
                row("card raised: wait for its decision", ledger(S, F, S, F, S, F, "C-1"), Duration.ofHours(5),
                        new WorkPlan.AwaitCard("C-1")),
                row("card decided keep_ours: the count starts afresh", ledger(S, F, S, F, S, F, "C-1", Event.RETRY),
                        Duration.ofHours(5), new WorkPlan.Run(1, false)),
                row("after a retry, one failure waits the first delay again",
                        ledger(S, F, S, F, S, F, "C-1", Event.RETRY, S, F), Duration.ofSeconds(10),
                        new WorkPlan.Wait(T0.plusSeconds(19))),
                row("card decided skip: nothing, for good", ledger(S, F, S, F, S, F, "C-1", Event.SKIPPED), Duration.ofDays(9),
                        new WorkPlan.Nothing()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, List<Entry> ledger, Instant now, Step want) {
        assertThat(WorkPlan.next(ledger, now, ACTIONS)).isEqualTo(want);
    }
}
