package io.vaultsync.cli;

import io.vaultsync.config.AgentSettings;
import io.vaultsync.policy.Policy;
import io.vaultsync.sync.VaultInit;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", description = "Clone the vault, seed an empty remote, or adopt an existing clone of it.")
final class InitCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--vault", required = true, paramLabel = "DIR", description = "Where the clone lives.")
    Path vault;

    @Option(names = "--remote", required = true, paramLabel = "URL_OR_PATH",
            description = "The shared remote: a bare repository path, ssh:// or https:// URL.")
    String remote;

    @Option(names = "--agent", paramLabel = "NAME", description = "This agent's name in the policy.")
    String agent;

    @Option(names = "--branch", paramLabel = "NAME", defaultValue = Policy.DEFAULT_BRANCH,
            description = "The vault branch (default: ${DEFAULT-VALUE}).")
    String branch;

    @Option(names = "--machine", paramLabel = "NAME", description = "This machine's name in commit trailers.")
    String machine;

    @Option(names = "--verbose", description = "Show stack traces and debug logging.")
    boolean verbose;

    InitCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        String name = agent != null ? agent : AgentSettings.defaultName(ctx.role());
        VaultInit.Result r = new VaultInit(ctx.clock()).init(vault, remote, name, ctx.role(),
                machine != null ? machine : Machine.name(), branch);
        String how = switch (r.mode()) {
            case CLONED -> "cloned";
            case SEEDED -> "seeded the empty remote and cloned";
            case ADOPTED -> "adopted the existing clone of";
        };
        ctx.out().println(name + ": " + how + " " + remote + " (branch " + branch + ") at " + r.vault());
        return ExitCodes.OK;
    }
}
