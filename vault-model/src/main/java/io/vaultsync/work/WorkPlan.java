package io.vaultsync.work;

import io.vaultsync.config.Actions;
import io.vaultsync.work.WorkLedger.Entry;
import io.vaultsync.work.WorkLedger.Event;
import java.time.Instant;
import java.util.List;

/**
 * What to do next with one piece of work (an approved item, a claimed task), from its ledger entries
 * alone. Pure.
 * <ul>
 * <li>nothing yet, an interrupted run ({@code started} with no end), or a failure whose delay has passed
 * → run the command (again, with the same key);</li>
 * <li>{@code succeeded} → only finish (commit the result): the command is never run again;</li>
 * <li>as many failures as {@link Actions#maxAttempts()} → raise a card, then wait for its decision
 * ({@code retry} starts the count afresh, {@code skipped} leaves the item alone for good).</li>
 * </ul>
 */
public final class WorkPlan {
    private WorkPlan() {}

    public sealed interface Step {}

    /** Run the command; {@code attempt} counts from 1 since the last reset. */
    public record Run(int attempt, boolean afterInterruption) implements Step {}

    /** The command succeeded: commit its result. */
    public record Finish(String outcome) implements Step {}

    /** The last failure's delay has not passed yet. */
    public record Wait(Instant until) implements Step {}

    /** Failed {@code failures} times in a row: a card asks a person. */
    public record RaiseCard(int failures, String lastFailure) implements Step {}

    /** A card is open; its decision comes first. */
    public record AwaitCard(String cardId) implements Step {}

    /** Left alone: a person chose {@code skip}, or it is finished. */
    public record Nothing() implements Step {}

    public static Step next(List<Entry> entries, Instant now, Actions actions) {
        int failures = 0;
        Entry last = null;
        String card = null;
        for (Entry e : entries) {
            switch (e.event()) {
                case FAILED -> failures++;
                case RETRY -> {
                    failures = 0;
                    card = null;
                }
                case CARDED -> card = e.detail();
                default -> { }
            }
            if (e.event() != Event.CARDED) last = e;
        }
        if (last == null) return new Run(1, false);
        return switch (last.event()) {
            case SUCCEEDED -> new Finish(last.detail());
            case DONE, SKIPPED -> new Nothing();
            case STARTED -> new Run(failures + 1, true);
            case RETRY -> new Run(1, false);
            case FAILED -> {
                if (failures >= actions.maxAttempts()) {
                    yield card != null ? new AwaitCard(card) : new RaiseCard(failures, last.detail());
                }
                Instant due = last.time().plus(actions.delayAfter(failures));
                yield now.isBefore(due) ? new Wait(due) : new Run(failures + 1, false);
            }
            case CARDED -> throw new AssertionError("a card is never the last event counted");
        };
    }
}
