package io.vaultsync.claim.cli;

import io.vaultsync.claim.BadTaskException;
import io.vaultsync.claim.ClaimResult;
import io.vaultsync.claim.ClaimService;
import io.vaultsync.cli.DurationConverter;
import io.vaultsync.cli.ExitCodes;
import io.vaultsync.cli.VaultCommand;
import io.vaultsync.lease.Lease;
import io.vaultsync.sync.SyncCycle;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code claim}, {@code release} and {@code handoff}: one task move each, pushed at once. */
final class ClaimCommands {
    private ClaimCommands() {}

    /**
     * One task move: what the output calls it, the lease a moved-in task gets (release writes none) and the
     * service call that makes it.
     */
    record Move(String verb, Duration lease, Step step) {}

    @FunctionalInterface
    interface Step {
        ClaimResult apply(ClaimService service, Path vault) throws Exception;
    }

    /** The steps every move command shares: lock, service, result to output and exit code. */
    abstract static class MoveCommand extends VaultCommand {
        abstract Move move();

        @Override
        public Integer call() throws Exception {
            Move m = move();
            try {
                return locked(s -> {
                    ClaimService service = new ClaimService(s, ctx.clock(),
                            new SyncCycle(s, ctx.clock(), ClaimService.BACKOFF, SyncCycle.STALE_LOCK_AGE), m.lease());
                    return ClaimOutput.print(ctx.out(), ctx.err(), s.name(), m.verb(), m.step().apply(service, opts.vault()));
                });
            } catch (BadTaskException e) {
                ctx.err().println(ctx.command() + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
    }

    @Command(addMethodSubcommands = false, name = "claim", description = "Claim a task: move it from Needs_Action/ to this agent's In_Progress/ and push at once."
            + " Exit 0 claimed, 4 claimed by another agent, 9 provisional (remote unreachable), 10 no such task,"
            + " 11 already yours, 2 bad task name.")
    static final class Claim extends MoveCommand {
        @Parameters(paramLabel = "TASK", description = "A file name in Needs_Action/, or a vault-relative path.")
        String task;

        @Option(names = "--lease", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Lease length written with the claim (default 30m); a running agent renews it.")
        Duration lease = Lease.DEFAULT_LENGTH;

        @Override
        Move move() {
            return new Move("claimed", lease, (service, vault) -> service.claim(vault, task));
        }
    }

    @Command(addMethodSubcommands = false, name = "release", description = "Return one of this agent's tasks to Needs_Action/."
            + " Exit 0 released, 4 held by another agent, 10 no such task, 12 not claimed.")
    static final class Release extends MoveCommand {
        @Parameters(paramLabel = "TASK", description = "A file name, or a vault-relative path.")
        String task;

        @Override
        Move move() {
            return new Move("released", Lease.DEFAULT_LENGTH, (service, vault) -> service.release(vault, task));
        }
    }

    @Command(addMethodSubcommands = false, name = "handoff", description = "Pass one of this agent's tasks to another agent, with a note it sees."
            + " Exit codes as for release; 2 for an unknown agent.")
    static final class Handoff extends MoveCommand {
        @Parameters(paramLabel = "TASK", description = "A file name, or a vault-relative path.")
        String task;

        @Option(names = "--to", required = true, paramLabel = "AGENT", description = "The receiving agent (in the policy).")
        String to;

        @Option(names = "--note", paramLabel = "TEXT", description = "What the receiver should know.")
        String note;

        @Option(names = "--lease", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Lease length written with the handoff, for the receiver (default 30m); a running agent renews it.")
        Duration lease = Lease.DEFAULT_LENGTH;

        @Override
        Move move() {
            return new Move("handed over to " + to, lease, (service, vault) -> service.handoff(vault, task, to, note));
        }
    }
}
