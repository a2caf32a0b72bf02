package io.vaultsync.work;

import io.vaultsync.config.Durations;
import io.vaultsync.process.ProcessIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a command may start for a key whose ledger calls for a run: the call an earlier agent started with
 * the same key may still be under way (its child has a process group of its own and outlives a
 * {@code kill -9} of the agent), and two calls with one key must never run at once. Pure.
 * <ul>
 * <li>no interrupted call ({@link WorkPlan.Run#afterInterruption()} false), or none recorded (killed between
 * {@code started} and the record, or recorded by no one) → {@link Start} (today's rule: at most one repeated
 * call, with the same key);</li>
 * <li>the recorded process is gone (ended, or its pid now belongs to another process) → {@link Ended}: start
 * again with the same key;</li>
 * <li>it still runs, within the time limit from its start → {@link StillRunning}: start nothing, look again
 * next pass;</li>
 * <li>it still runs past the time limit → {@link Overdue}: stop its group, and it counts as a call that
 * timed out.</li>
 * </ul>
 */
public final class EarlierCall {
    private EarlierCall() {}

    /** A call under way: who runs it, since when (the agent's clock when it started). */
    public record Running(String key, ProcessIdentity process, Instant since) {}

    public sealed interface Verdict {
        /** Whether the command may start now. */
        default boolean mayStart() {
            return this instanceof Start || this instanceof Ended;
        }
    }

    /** Nothing of an earlier call stands in the way. */
    public record Start() implements Verdict {}

    /** The call from before the restart has ended: start again with the same key. */
    public record Ended(long pid) implements Verdict {
        public String message() {
            return "the call from before the restart (pid " + pid + ") has ended; it runs again with the same key";
        }
    }

    /** The call from before the restart still runs: start nothing, look again next pass. */
    public record StillRunning(long pid, Instant since) implements Verdict {
        public String message() {
            return "still running from before the restart, pid " + pid + " (since " + since + "); not started again";
        }
    }

    /** The call from before the restart runs past its time limit: stop it; it counts as timed out. */
    public record Overdue(Running call, Duration timeout) implements Verdict {
        public String failure() {
            return "timed out after " + Durations.format(timeout) + " (pid " + call.process().pid()
                    + ", started before a restart; stopped)";
        }
    }

    /**
     * @param interrupted the ledger's last event for the key is {@code started}, with no end
     * @param recorded    the call recorded as under way for the key, if any
     * @param alive       whether the recorded process still runs (same boot, pid and start time; not a zombie)
     */
    public static Verdict decide(boolean interrupted, Optional<Running> recorded, boolean alive, Instant now,
            Duration timeout) {
        if (!interrupted || recorded.isEmpty()) return new Start();
        Running r = recorded.get();
        if (!alive) return new Ended(r.process().pid());
        if (!now.isBefore(r.since().plus(timeout))) return new Overdue(r, timeout);
        return new StillRunning(r.process().pid(), r.since());
    }
}
