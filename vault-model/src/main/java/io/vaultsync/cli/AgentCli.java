package io.vaultsync.cli;

import io.vaultsync.AgentBusyException;
import io.vaultsync.PolicyException;
import io.vaultsync.transport.RemoteException;
import io.vaultsync.gate.HistorySecretsException;
import io.vaultsync.gate.SecretHeldException;
import io.vaultsync.VaultException;
import io.vaultsync.policy.Role;
import io.vaultsync.progress.ProgressErr;
import io.vaultsync.transport.GitEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;

/**
 * The command line both agents share. Each subcommand turns options into a request, calls the library
 * and turns the result into output and an exit code; errors become one line on stderr (the stack trace
 * only with -v).
 */
public final class AgentCli {
    private AgentCli() {}

    /**
     * What an executable's {@code main} calls: the CLI, in a JVM whose file-name encoding is UTF-8 (see
     * {@link Utf8Relaunch}); returns the exit code.
     */
    public static int main(Class<?> main, Role role, String command, AgentExtension extension, String... args) {
        var relaunched = Utf8Relaunch.ifNeeded(main, args);
        if (relaunched.isPresent()) return relaunched.get();
        Utf8Relaunch.followParent(System.getenv());
        if (Warmup.worthIt(args)) Warmup.start(args);
        return run(role, command, new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8), extension, args);
    }

    public static int run(Role role, String command, PrintWriter out, PrintWriter err, String... args) {
        return run(role, command, out, err, AgentExtension.NONE, args);
    }

    /**
     * The CLI run on {@code out} and {@code err}; {@code err} is made a {@link ProgressErr} (from this process's
     * environment and console) unless it is one already, which is how a test chooses the progress it sees.
     */
    public static int run(Role role, String command, PrintWriter out, PrintWriter given, AgentExtension extension,
            String... args) {
        ProgressErr err = given instanceof ProgressErr p ? p : ProgressErr.forProcess(given);
        CliContext ctx = new CliContext(role, command, out, err, Clock.systemUTC(), extension);
        CliTree.Root root = new CliTree.Root();
        CommandLine cl = CliTree.build(root, ctx, List.of(args));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(parsed -> {
            if (helpOnly(parsed)) return new CommandLine.RunLast().execute(parsed); // no Logback, no JGit: a fast answer
            try {
                err.command(root.log.quiet, logs(root.log, parsed)); // no progress with -q, nor under run
                GitEnvironment.install(); // JGit reads $HOME, as C git does
            } catch (IllegalArgumentException e) { // a log option, checked once parsed
                err.println(command + ": " + e.getMessage());
                err.flush();
                return ExitCodes.USAGE;
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            Throwable e = ex instanceof UncheckedIOException u ? u.getCause() : ex;
            err.println(command + ": " + message(e));
            if (root.log.stackTraces()) e.printStackTrace(err);
            err.flush();
            return exitCode(e);
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Whether the command line asks for help or the version only. */
    private static boolean helpOnly(CommandLine.ParseResult parsed) {
        return parsed.asCommandLineList().stream().anyMatch(c -> c.isUsageHelpRequested() || c.isVersionHelpRequested());
    }

    /** Sets up logging for the command line just parsed: its options, and whether it runs the daemon (returned). */
    private static boolean logs(LogOptions options, CommandLine.ParseResult parsed) {
        List<CommandLine> chain = parsed.asCommandLineList();
        boolean daemon = chain.get(chain.size() - 1).getCommand() instanceof RunCommand;
        LogbackSetup.apply(LogSetup.decide(options, daemon, System.getenv()));
        return daemon;
    }

    /** Whether the command {@code spec} belongs to was asked for stack traces (-v). */
    static boolean stackTraces(CommandLine.Model.CommandSpec spec) {
        return spec.root().userObject() instanceof CliTree.Root r && r.log.stackTraces();
    }

    static String message(Throwable e) {
        if (diskFull(e)) {
            return "the disk is full (" + e.getMessage() + "); free some space and run it again: nothing was lost,"
                    + " what was not written is written then";
        }
        if (e instanceof VaultException) return e.getMessage();
        if (e instanceof IOException) return "I/O error: " + e.getMessage();
        return e.getClass().getSimpleName() + ": " + e.getMessage() + " (rerun with -v for details)";
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
        if (e instanceof HistorySecretsException) return ExitCodes.HISTORY_SECRETS;
        if (e instanceof PolicyException) return ExitCodes.BAD_POLICY;
        if (e instanceof VaultException) return ExitCodes.BAD_VAULT;
        return ExitCodes.FAILURE;
    }
}
