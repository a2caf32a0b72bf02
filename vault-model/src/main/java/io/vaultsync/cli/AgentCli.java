package io.vaultsync.cli;

import io.vaultsync.AgentBusyException;
import io.vaultsync.PolicyException;
import io.vaultsync.transport.RemoteException;
import io.vaultsync.gate.SecretHeldException;
import io.vaultsync.VaultException;
import io.vaultsync.policy.Role;
import io.vaultsync.transport.GitEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line both agents share. Each subcommand turns options into a request, calls the library
 * and turns the result into output and an exit code; errors become one line on stderr (the stack trace
 * only with --verbose).
 */
public final class AgentCli {
    private AgentCli() {}

    @Command(mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Keeps a git-backed vault of Markdown task files in step, inside this agent's write zones.")
    static final class Root implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AgentCli.class.getPackage().getImplementationVersion();
            return new String[] {"vaultsync " + (v == null ? "dev" : v)};
        }
    }

    /**
     * What an executable's {@code main} calls: the CLI, in a JVM whose file-name encoding is UTF-8 (see
     * {@link Utf8Relaunch}); returns the exit code.
     */
    public static int main(Class<?> main, Role role, String command, AgentExtension extension, String... args) {
        var relaunched = Utf8Relaunch.ifNeeded(main, args);
        if (relaunched.isPresent()) return relaunched.get();
        Utf8Relaunch.followParent(System.getenv());
        return run(role, command, new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8), extension, args);
    }

    public static int run(Role role, String command, PrintWriter out, PrintWriter err, String... args) {
        return run(role, command, out, err, AgentExtension.NONE, args);
    }

    public static int run(Role role, String command, PrintWriter out, PrintWriter err, AgentExtension extension,
            String... args) {
        LogbackLevels.apply(LogLevels.of(args));
        GitEnvironment.install(); // JGit reads $HOME, as C git does
        CliContext ctx = new CliContext(role, command, out, err, Clock.systemUTC(), extension);
        CommandLine cl = new CommandLine(new Root());
        cl.setCommandName(command);
        cl.addSubcommand("init", new InitCommand(ctx));
        cl.addSubcommand("sync", new SyncCommand().in(ctx));
        cl.addSubcommand("run", new RunCommand().in(ctx));
        cl.addSubcommand("status", new StatusCommand().in(ctx));
        cl.addSubcommand("conflicts", new ConflictsCommand().in(ctx));
        cl.addSubcommand("resolve", new ResolveCommand().in(ctx));
        cl.addSubcommand("log", new LogCommand().in(ctx));
        cl.addSubcommand("verify", new VerifyCommand().in(ctx));
        cl.addSubcommand("doctor", new DoctorCommand().in(ctx));
        extension.commands(ctx).forEach(cl::addSubcommand);
        cl.setOut(out);
        cl.setErr(err);
        boolean verbose = Arrays.asList(args).contains("--verbose");
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            Throwable e = ex instanceof UncheckedIOException u ? u.getCause() : ex;
            err.println(command + ": " + message(e));
            if (verbose) e.printStackTrace(err);
            err.flush();
            return exitCode(e);
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static String message(Throwable e) {
        if (diskFull(e)) {
            return "the disk is full (" + e.getMessage() + "); free some space and run it again: nothing was lost,"
                    + " what was not written is written then";
        }
        if (e instanceof VaultException) return e.getMessage();
        if (e instanceof IOException) return "I/O error: " + e.getMessage();
        return e.getClass().getSimpleName() + ": " + e.getMessage() + " (rerun with --verbose for details)";
    }

    /** ENOSPC (or a quota) anywhere in the chain: a full disk, not a broken vault. */
    static boolean diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) return true;
        }
        return false;
    }

    static int exitCode(Throwable e) {
        if (diskFull(e)) return ExitCodes.DISK_FULL;
        if (e instanceof RemoteException r) return ExitCodes.of(r.failure().kind());
        if (e instanceof AgentBusyException) return ExitCodes.BUSY;
        if (e instanceof SecretHeldException) return ExitCodes.HELD_BY_GATE;
        if (e instanceof PolicyException) return ExitCodes.BAD_POLICY;
        if (e instanceof VaultException) return ExitCodes.BAD_VAULT;
        return ExitCodes.FAILURE;
    }
}
