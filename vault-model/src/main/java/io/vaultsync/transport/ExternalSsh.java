package io.vaultsync.transport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RemoteSession;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;

/**
 * The system's ssh, when the person asked for it the way C git is asked: {@code GIT_SSH_COMMAND}, then
 * {@code core.sshCommand}, both run through the shell with the arguments appended; then {@code GIT_SSH},
 * a program run without a shell. Arguments as C git passes them: {@code [-p PORT] [USER@]HOST COMMAND}.
 */
public final class ExternalSsh extends SshSessionFactory {
    private final String command;
    private final boolean shell;

    private ExternalSsh(String command, boolean shell) {
        this.command = command;
        this.shell = shell;
    }

    /** The external ssh chosen by the environment and the repository's config, or null for the built-in one. */
    public static ExternalSsh chosen(Map<String, String> env, Config config) {
        String c = env.get("GIT_SSH_COMMAND");
        if (blank(c) && config != null) c = config.getString("core", null, "sshCommand");
        if (!blank(c)) return new ExternalSsh(c, true);
        String program = env.get("GIT_SSH");
        return blank(program) ? null : new ExternalSsh(program, false);
    }

    /** The command line that runs {@code remoteCommand} on the host of {@code uri}. */
    List<String> argv(URIish uri, String remoteCommand) {
        List<String> args = new ArrayList<>();
        if (uri.getPort() > 0) {
            args.add("-p");
            args.add(Integer.toString(uri.getPort()));
        }
        args.add(uri.getUser() == null ? uri.getHost() : uri.getUser() + "@" + uri.getHost());
        args.add(remoteCommand);
        List<String> argv = new ArrayList<>();
        if (shell) {
            argv.addAll(List.of("/bin/sh", "-c", command + " \"$@\"", command));
        } else {
            argv.add(command);
        }
        argv.addAll(args);
        return argv;
    }

    @Override
    public RemoteSession getSession(URIish uri, CredentialsProvider credentials, FS fs, int tms) {
        return new RemoteSession() {
            @Override
            public Process exec(String remoteCommand, int timeout) throws IOException {
                ProcessBuilder pb = new ProcessBuilder(argv(uri, remoteCommand));
                pb.environment().put("GIT_TERMINAL_PROMPT", "0");
                return new ExitedProcess(pb.start()); // its exit code answers once it exited (see there)
            }

            @Override
            public void disconnect() {
                // each exec is its own ssh process, which ends with its stream
            }
        };
    }

    @Override
    public String getType() {
        return "external";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
