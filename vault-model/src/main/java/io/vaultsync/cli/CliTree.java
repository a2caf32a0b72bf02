package io.vaultsync.cli;

import io.vaultsync.policy.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

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

    @Command(addMethodSubcommands = false, mixinStandardHelpOptions = true, versionProvider = Version.class,
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

    /** The CLI of {@code ctx}'s role, rooted at {@code root}: every command. */
    static CommandLine build(Root root, CliContext ctx) {
        return build(root, ctx, List.of());
    }

    /**
     * The CLI for {@code args}: when they name one of this role's own commands, the root with that command only
     * (its usage, options and errors are the same as in the whole tree; picocli's reflection over the other twenty
     * is most of a short command's start-up); else, for help, completion, a missing, unknown or other role's
     * command, every command.
     */
    static CommandLine build(Root root, CliContext ctx, List<String> args) {
        Map<String, Supplier<Object>> own = ownCommands(ctx);
        CommandLine cl = new CommandLine(root);
        cl.setCommandName(ctx.command());
        String named = commandNamed(cl.getCommandSpec(), args).orElse("");
        if (own.containsKey(named)) {
            cl.addSubcommand(named, own.get(named).get());
            helpEverywhere(cl);
            return cl;
        }
        if (versionOnly(args)) return cl; // the root prints it; no command's classes are loaded
        own.forEach((name, command) -> cl.addSubcommand(name, command.get()));
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

    /**
     * This role's commands by name, in the order help lists them, each made only when asked for: a command's object
     * loads its classes, and loading every command's was part of each command's start-up. Every name is the one
     * its class's {@code @Command} gives (CommandNamesTest checks it for both roles).
     */
    static Map<String, Supplier<Object>> ownCommands(CliContext ctx) {
        Map<String, Supplier<Object>> own = new LinkedHashMap<>();
        own.put("init", () -> new InitCommand(ctx));
        own.put("sync", () -> new SyncCommand().in(ctx));
        own.put("run", () -> new RunCommand().in(ctx));
        own.put("status", () -> new StatusCommand().in(ctx));
        own.put("conflicts", () -> new ConflictsCommand().in(ctx));
        own.put("resolve", () -> new ResolveCommand().in(ctx));
        own.put("log", () -> new LogCommand().in(ctx));
        own.put("verify", () -> new VerifyCommand().in(ctx));
        own.put("doctor", () -> new DoctorCommand().in(ctx));
        own.put("rotate-key", () -> new KeyCommands.RotateKey().in(ctx));
        own.put("trust", () -> new KeyCommands.Trust().in(ctx)); // AGENT --key: local only; --confirm: both
        own.putAll(ctx.extension().commands(ctx));
        own.put("completion", () -> new CompletionCommand(ctx));
        return own;
    }

    /** {@code -V} / {@code --version} and nothing else: the root alone answers it. */
    static boolean versionOnly(List<String> args) {
        return !args.isEmpty() && args.stream().allMatch(a -> a.equals("-V") || a.equals("--version"));
    }

    private static boolean clusteredFlags(CommandSpec rootSpec, String arg) {
        if (arg.length() < 3 || arg.charAt(1) == '-') return false;
        for (char c : arg.substring(1).toCharArray()) {
            OptionSpec flag = rootSpec.findOption(c);
            if (flag == null || flag.arity().max() > 0) return false;
        }
        return true;
    }

    /**
     * The command {@code args} name: their first word that is neither an option of the root nor the value of one
     * (nor after {@code --}); empty when there is none. {@code help} and {@code completion} need every command.
     */
    static Optional<String> commandNamed(CommandSpec rootSpec, List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) return Optional.empty();
            if (!arg.startsWith("-") || arg.equals("-")) {
                return arg.equals("help") || arg.equals("completion") ? Optional.empty() : Optional.of(arg);
            }
            if (clusteredFlags(rootSpec, arg)) continue; // -vv
            int eq = arg.indexOf('=');
            OptionSpec option = rootSpec.findOption(eq < 0 ? arg : arg.substring(0, eq));
            if (option == null) return Optional.empty(); // an unknown option: the whole tree says so as it always did
            if (option.arity().max() > 0 && eq < 0) i++;
        }
        return Optional.empty();
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
    @Command(addMethodSubcommands = false, hidden = true, description = "A command of the other role's agent.")
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
