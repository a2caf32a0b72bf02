package io.vaultsync.transport;

import io.vaultsync.config.RemoteAccess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.NetRC;
import org.eclipse.jgit.transport.URIish;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTPS credentials the way git users keep them, tried in order, the next one each time the server refuses
 * the last: the {@code token_file} or {@code password_file} of the agent settings (read again on every
 * attempt, so a rotated token is picked up without a restart); git's credential helpers
 * ({@code git credential fill}, which runs {@code credential.helper}, {@code store} and its
 * {@code ~/.git-credentials} included); {@code ~/.netrc}. Never prompts. One instance per operation.
 */
final class HttpCredentials extends CredentialsProvider {
    private static final Logger LOG = LoggerFactory.getLogger(HttpCredentials.class);
    /** The user name sent with a token when none is configured; hosts that take tokens accept any. */
    static final String TOKEN_USER = "vaultsync";

    private final RemoteAccess access;
    private final Path home;
    private final Path workDir;
    private final Login preset;
    private int source;

    HttpCredentials(RemoteAccess access, Path home, Path workDir, Login preset) {
        this.access = access;
        this.home = home;
        this.workDir = workDir;
        this.preset = preset;
    }

    /** A login: a user name and its secret (a password or a token), never shown. */
    record Login(String user, char[] secret) {
        @Override
        public String toString() {
            return "Login[user=" + user + ", secret=***]";
        }
    }

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
        for (CredentialItem i : items) {
            if (!(i instanceof CredentialItem.Username) && !(i instanceof CredentialItem.Password)) return false;
        }
        return true;
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) {
        if (!supports(items)) return false;
        for (; source < 3; source++) {
            Login p = switch (source) {
                case 0 -> fromFile(uri);
                case 1 -> fromHelpers(uri);
                default -> fromNetrc(uri);
            };
            if (p == null) continue;
            for (CredentialItem i : items) {
                if (i instanceof CredentialItem.Username u) u.setValue(p.user());
                if (i instanceof CredentialItem.Password pw) pw.setValue(p.secret());
            }
            return true;
        }
        return false;
    }

    /** The server refused what {@link #get} gave: the next source is tried. */
    @Override
    public void reset(URIish uri) {
        source++;
    }

    private Login fromFile(URIish uri) {
        Path f = access.tokenFile() != null ? access.tokenFile() : access.passwordFile();
        if (f == null || preset != null && !Files.exists(f)) return preset;
        try {
            String secret = Files.readString(f, StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) return null;
            String user = access.username() != null ? access.username() : uri.getUser() != null ? uri.getUser() : TOKEN_USER;
            return new Login(user, secret.toCharArray());
        } catch (IOException e) {
            LOG.warn("cannot read the credential file {}: {}", f, e.getClass().getSimpleName());
            return null;
        }
    }

    private Login fromHelpers(URIish uri) {
        String user = access.username() != null ? access.username() : uri.getUser();
        StringBuilder in = new StringBuilder();
        in.append("protocol=").append(uri.getScheme()).append('\n');
        in.append("host=").append(uri.getHost()).append(uri.getPort() > 0 ? ":" + uri.getPort() : "").append('\n');
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (!path.isEmpty()) in.append("path=").append(path).append('\n');
        if (user != null) in.append("username=").append(user).append('\n');
        in.append('\n');
        try {
            ProcessBuilder pb = new ProcessBuilder("git", "-c", "core.askPass=", "credential", "fill")
                    .directory(workDir != null && Files.isDirectory(workDir) ? workDir.toFile() : null);
            pb.environment().put("GIT_TERMINAL_PROMPT", "0");
            pb.environment().put("HOME", home.toString());
            pb.environment().remove("GIT_ASKPASS"); // a daemon never pops up a dialog
            pb.environment().remove("SSH_ASKPASS");
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            try (OutputStream o = p.getOutputStream()) {
                o.write(in.toString().getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = p.getInputStream().readNBytes(64 * 1024);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            if (p.exitValue() != 0) return null;
            return parse(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debug("git credential fill: {}", e.getClass().getSimpleName());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** {@code git credential}'s output: key=value lines. */
    static Login parse(String out) {
        String user = null;
        String password = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("username=")) user = line.substring(9);
            if (line.startsWith("password=")) password = line.substring(9);
        }
        return password == null || password.isEmpty() ? null : new Login(user == null ? TOKEN_USER : user, password.toCharArray());
    }

    private Login fromNetrc(URIish uri) {
        Path f = home.resolve(".netrc");
        if (!Files.isRegularFile(f)) return null;
        NetRC.NetRCEntry e = new NetRC(f.toFile()).getEntry(uri.getHost());
        if (e == null || e.password == null) return null;
        return new Login(e.login == null ? TOKEN_USER : e.login, e.password.clone());
    }

}
