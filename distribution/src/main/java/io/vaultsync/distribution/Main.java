package io.vaultsync.distribution;

import io.vaultsync.cli.Version;
import io.vaultsync.transport.GitEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The distribution tool: {@code java -jar distribute.jar COMMAND ...}. */
@Command(name = "distribute", mixinStandardHelpOptions = true, versionProvider = Version.class,
        subcommands = {
            io.vaultsync.distribution.cli.PublishCommand.class,
            io.vaultsync.distribution.cli.StatusCommand.class,
            io.vaultsync.distribution.cli.RegistryCommand.class,
            io.vaultsync.distribution.cli.WatchCommand.class,
            io.vaultsync.distribution.drift.DriftCommand.class,
            io.vaultsync.distribution.rollback.RollbackCommand.class,
            io.vaultsync.distribution.decisions.ResolveCommand.class,
        },
        description = "Publishes canonical files from a source repository to downstream repositories, by rules.")
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code (the tests call this). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs one command line writing to {@code out} and {@code err}; returns its exit code. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** The command line, with an unexpected failure printed as its message (no stack trace). */
    private static CommandLine commandLine() {
        GitEnvironment.install(); // JGit reads $HOME (~/.ssh, ~/.gitconfig), as C git and the agents do
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("distribute: " + e.getMessage());
            return 1;
        });
        return cl;
    }
}
