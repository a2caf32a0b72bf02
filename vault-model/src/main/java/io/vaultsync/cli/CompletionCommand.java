package io.vaultsync.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

@Command(addMethodSubcommands = false, name = "completion", description = {"Print a completion script for bash and zsh (with bashcompinit).",
        "Load it with: source <(${ROOT-COMMAND-NAME} completion)"})
final class CompletionCommand implements Callable<Integer> {
    private final CliContext ctx;

    @CommandLine.Spec
    CommandSpec spec;

    CompletionCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        ctx.out().print(AutoComplete.bash(root.getCommandName(), root));
        ctx.out().flush();
        return ExitCodes.OK;
    }
}
