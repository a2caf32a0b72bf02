package io.vaultsync.cli;

import io.vaultsync.policy.Role;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command tree of one agent's CLI: the root with its inherited logging options, the shared commands,
 * the extension's, {@code help} and {@code completion}; {@code -h/--help} on every command (which works
 * without the command's required options); and the other role's commands, which this jar refuses with a
 * hint. Built the same way for a run, the completion script and the man pages.
 */
final class CliTree {
    /** Commands only one role's jar has, and that role. */
    static final Map<String, Role> ROLE_COMMANDS = Map.of("approve", Role.LOCAL, "reject", Role.LOCAL,
            "revoke-key", Role.LOCAL);

    private CliTree() {}

    @Command(mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Keeps a git-backed vault of Markdown task files in step, inside this agent's write zones.",
            footer = {"", "Run '${ROOT-COMMAND-NAME} help COMMAND' for a command's options."})
    static final class Root implements Runnable {
        @CommandLine.Spec
        CommandSpec spec;

        @Mixin
        LogOptions log;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
        }
    }

    /** The CLI of {@code ctx}'s role, rooted at {@code root}. */
    static CommandLine build(Root root, CliContext ctx) {
        CommandLine cl = new CommandLine(root);
        cl.setCommandName(ctx.command());
        cl.addSubcommand("init", new InitCommand(ctx));
        cl.addSubcommand("sync", new SyncCommand().in(ctx));
        cl.addSubcommand("run", new RunCommand().in(ctx));
        cl.addSubcommand("status", new StatusCommand().in(ctx));
        cl.addSubcommand("conflicts", new ConflictsCommand().in(ctx));
        cl.addSubcommand("resolve", new ResolveCommand().in(ctx));
        cl.addSubcommand("log", new LogCommand().in(ctx));
        cl.addSubcommand("verify", new VerifyCommand().in(ctx));
        cl.addSubcommand("doctor", new DoctorCommand().in(ctx));
        cl.addSubcommand("rotate-key", new KeyCommands.RotateKey().in(ctx));
        cl.addSubcommand("trust", new KeyCommands.Trust().in(ctx)); // AGENT --key: local only; --confirm: both
        ctx.extension().commands(ctx).forEach(cl::addSubcommand);
        cl.addSubcommand("completion", new CompletionCommand(ctx));
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        helpEverywhere(cl);
        ROLE_COMMANDS.forEach((name, role) -> {
            if (cl.getSubcommands().containsKey(name)) return;
            Foreign foreign = new Foreign(ctx, name, role);
            cl.addSubcommand(name, foreign);
            cl.getSubcommands().get(name).getCommandSpec().usageMessage().description(foreign.hint()); // help NAME says it too
        });
        return cl;
    }

    private static void helpEverywhere(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.optionsMap().get("--help") == null) {
                spec.mixinStandardHelpOptions(true);
                spec.versionProvider(new Version());
            }
            helpEverywhere(sub);
        }
    }

    /** A command of the other role: exit 2 and say which jar has it, whatever follows it (even --help). */
    @Command(hidden = true, description = "A command of the other role's agent.")
    static final class Foreign implements Callable<Integer> {
        private final CliContext ctx;
        private final String name;
        private final Role role;

        @CommandLine.Unmatched
        List<String> rest;

        Foreign(CliContext ctx, String name, Role role) {
            this.ctx = ctx;
            this.name = name;
            this.role = role;
        }

        String hint() {
            String other = role == Role.LOCAL ? "local-agent" : "cloud-agent";
            return name + " is a " + other + " command (run it with the " + other + " jar, on the "
                    + role.name().toLowerCase(java.util.Locale.ROOT) + " side); '" + ctx.command()
                    + " help' lists this agent's commands";
        }

        @Override
        public Integer call() {
            ctx.err().println(ctx.command() + ": " + hint());
            return ExitCodes.USAGE;
        }
    }
}
