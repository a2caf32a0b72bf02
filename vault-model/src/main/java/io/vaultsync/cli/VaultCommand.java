package io.vaultsync.cli;

import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.Mappers;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.sync.AgentLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;

/**
 * What every command on a vault clone shares: the agent's CLI context, the vault options, and the steps they
 * all take (read the agent's settings, hold the vault lock, print JSON or text).
 */
public abstract class VaultCommand implements Callable<Integer> {
    /** The CLI this command belongs to: set once by {@link #in}, before picocli parses into the command. */
    protected CliContext ctx;

    @Mixin
    protected VaultOptions opts;

    /** Binds this command to the CLI it belongs to; returns it. */
    public final VaultCommand in(CliContext context) {
        if (ctx != null) throw new IllegalStateException("command already bound to a CLI");
        ctx = Objects.requireNonNull(context, "context");
        return this;
    }

    /** The settings of the agent that owns this clone. */
    protected final AgentSettings settings() {
        return SettingsStore.read(VaultRepo.gitDirOf(opts.vault()));
    }

    /** A step taken under the vault lock, given the agent's settings; returns the exit code. */
    @FunctionalInterface
    protected interface Locked {
        int run(AgentSettings settings) throws Exception;
    }

    /**
     * Runs {@code step} holding the vault lock, waiting up to {@link AgentLock#COMMAND_WAIT} for a running
     * agent's cycle to end (exit 5 if it does not).
     */
    @SuppressWarnings("try") // the lock is held for the step, not used in it
    protected final int locked(Locked step) throws Exception {
        Path gitDir = VaultRepo.gitDirOf(opts.vault());
        AgentSettings s = SettingsStore.read(gitDir);
        try (AgentLock lock = AgentLock.acquire(gitDir, AgentLock.COMMAND_WAIT)) {
            return step.run(s);
        }
    }

    /** Prints {@code data} as JSON if {@code json}, else the text {@code text} writes; exit 0. */
    protected final int print(boolean json, Supplier<Object> data, Consumer<PrintWriter> text) throws IOException {
        if (json) {
            ctx.out().println(Mappers.prettyJson(data.get()));
        } else {
            text.accept(ctx.out());
        }
        return ExitCodes.OK;
    }
}
