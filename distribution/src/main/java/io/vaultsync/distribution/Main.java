package io.vaultsync.distribution;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The distribution tool: {@code java -jar distribute.jar COMMAND ...}. */
@Command(name = "distribute", mixinStandardHelpOptions = true, versionProvider = Main.VersionText.class,
        description = "Publishes canonical files from a source repository to downstream repositories, by rules.",
        subcommands = {
            io.vaultsync.distribution.drift.DriftCommand.class,
            io.vaultsync.distribution.rollback.RollbackCommand.class,
            io.vaultsync.distribution.decisions.ResolveCommand.class,
        })
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code (the tests call this). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    /** The version line, from the build's own version. */
    static final class VersionText implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"distribute " + (v == null ? "dev" : v)};
        }
    }
}
