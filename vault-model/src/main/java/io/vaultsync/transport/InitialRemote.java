package io.vaultsync.transport;

import io.vaultsync.config.RemoteAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.util.SystemReader;

/**
 * The remote as {@code init} is given it: the URL without credentials, the access settings (a user name
 * from the URL added, and where a password from the URL will be kept) and that password, if any, which is
 * used from memory until the clone exists and then written to its 0600 file.
 */
public record InitialRemote(String url, RemoteAccess access, String password) {
    public static InitialRemote of(String remoteArg, RemoteAccess given, Path passwordFile) {
        UrlCredentials c = UrlCredentials.split(remoteArg);
        RemoteAccess a = given;
        if (c.username() != null && a.username() == null) {
            a = new RemoteAccess(a.sshKey(), a.knownHosts(), a.sshPassphraseFile(), c.username(), a.tokenFile(),
                    a.passwordFile(), a.networkTimeout());
        }
        if (c.hasPassword()) a = a.withPasswordFile(a.username(), passwordFile);
        return new InitialRemote(absoluteIfLocal(c.url()), a, c.password());
    }

    /**
     * A relative path to a repository on this disk, made absolute (stored as given, it would be read from the
     * vault's directory, not from where init ran); any other URL as it is.
     */
    static String absoluteIfLocal(String url) {
        if (url.contains("://") || url.matches("^[^/]+@[^:]+:.*")) return url;
        try {
            Path p = Path.of(url);
            return !p.isAbsolute() && Files.isDirectory(p) ? p.toAbsolutePath().normalize().toString() : url;
        } catch (java.nio.file.InvalidPathException notAPath) {
            return url;
        }
    }

    /** The remote to reach before the clone exists: the person's git config, the password from memory. */
    public Remote remote() {
        return new Remote(url, access, userConfig(), null).withPreset(access.username(), password);
    }

    /** Writes the password taken out of the URL to its file, readable only by this user; nothing without one. */
    public void keepPassword() throws IOException {
        if (password == null) return;
        Path f = access.passwordFile();
        Files.createDirectories(f.getParent());
        Files.deleteIfExists(f);
        Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(f, password + "\n", StandardCharsets.UTF_8);
    }

    private static Config userConfig() {
        try {
            return SystemReader.getInstance().getUserConfig();
        } catch (IOException | ConfigInvalidException e) {
            return new Config(); // an unreadable ~/.gitconfig: C git would complain; the defaults do here
        }
    }

    @Override
    public String toString() {
        return "InitialRemote[url=" + url + ", access=" + access + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
