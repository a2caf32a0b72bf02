package io.vaultsync.work;

import io.vaultsync.config.Actions;
import io.vaultsync.conflict.ConflictKind;
import io.vaultsync.sync.CycleContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What one role tells the {@link CommandWorker}: which pieces of work to look at, which command runs on
 * each and how, what a success leaves to commit, and what goes with a failure card. The worker does the
 * rest (the {@link WorkPlan} steps, the ledger, the calls still running from before a restart, the card).
 *
 * @param <I> one piece of work (a claimed task, an approved item)
 */
public interface CommandRole<I extends CommandRole.Item> {

    /** A piece of work: its ledger key, its path in the vault, and what selects its command (a type, a domain). */
    interface Item {
        String key();

        String path();

        String label();
    }

    /**
     * The fixed words of a role: its ledger ({@link WorkLedger#HANDLERS}), what its command is called
     * ({@code handler}), what a success is said as ({@code executed}), the tag in its card ids, the card's
     * kind, the folder under {@code .git/vaultsync/} for the commands' output, and which of the configured
     * {@link Actions} are the role's commands (without any, the worker does nothing at all).
     */
    record Names(String ledger, String command, String doneVerb, String cardTag, ConflictKind cardKind, String outFolder,
            Function<Actions, Map<String, List<String>>> commands) {
        public Names {
            if (Stream.of(ledger, command, doneVerb, cardTag, cardKind, outFolder, commands).anyMatch(Objects::isNull)) {
                throw new NullPointerException("every name of a role is required");
            }
        }
    }

    /** A piece of work with the command configured for it. */
    record Job<I>(I item, List<String> command) {
        public Job {
            Objects.requireNonNull(item, "item");
            command = List.copyOf(command);
        }
    }

    /** A path to look at this pass; {@link #read} tells whether it is work for this role (and fails on its own). */
    record Candidate<I>(String path, Reader<I> read) {}

    @FunctionalInterface
    interface Reader<I> {
        Optional<Job<I>> read() throws IOException;
    }

    /** What the command is given after its own argv: more arguments and its environment. */
    record Invocation(List<String> args, Map<String, String> env) {
        public Invocation {
            args = List.copyOf(args);
            env = Map.copyOf(env);
        }
    }

    /** How finishing a piece of work whose command succeeded ended. */
    sealed interface Finished {
        /** Committed: {@code result} names what it became (a {@code Done/} file, drafts); recorded as done. */
        record Done(String result) implements Finished {}

        /** Nothing committed: recorded as a failure; {@code said} is what a person reads, if anything. */
        record NotDone(String failure, Optional<String> said) implements Finished {}

        /** Nothing committed: the piece of work is no longer there (moved or removed meanwhile). */
        record Gone() implements Finished {}
    }

    /** Work done before each pass, outside any cycle (the cloud claims new tasks here). Nothing by default. */
    default void beforePass(Path root, Path gitDir, Actions actions) throws IOException {}

    /** The paths to look at this pass, in order. */
    List<Candidate<I>> candidates(Path root, Path gitDir, Actions actions) throws IOException;

    /** The command's arguments and environment for a run; may prepare {@code outDir} (the run's own folder). */
    Invocation invocation(Path root, I item, Path outDir) throws IOException;

    /** Why a command that exited 0 still failed ({@code no output}), if it did. None by default. */
    default Optional<String> lacking(Path outDir) throws IOException {
        return Optional.empty();
    }

    /** Inside a cycle, under the lock: commits what the succeeded command leaves (the worker records it). */
    Finished finish(CycleContext ctx, I item, Path outDir, Path log) throws IOException;

    /** Inside the card's cycle: what else goes with a failure card (the cloud's signal). Nothing by default. */
    default void carded(CycleContext ctx, I item, String cardId, String reason) throws IOException {}
}
