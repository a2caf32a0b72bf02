package io.vaultsync.transport;

import java.nio.file.Path;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * The process's view of the person's environment, as C git has it: the home folder is {@code $HOME}
 * (JGit would take the passwd entry through {@code user.home}), and {@code GIT_SSH} is handled by
 * {@link ExternalSsh} rather than JGit's own external-session code. Installed once, at start.
 */
public final class GitEnvironment extends SystemReader {
    private final SystemReader base;
    private final Path home;

    private GitEnvironment(SystemReader base, Path home) {
        this.base = base;
        this.home = home;
    }

    /** The home folder git uses: {@code $HOME} when set, else {@code user.home}. */
    public static Path home() {
        return io.vaultsync.config.UserHome.path();
    }

    /** Makes JGit read {@code $HOME}; idempotent. */
    public static synchronized void install() {
        SystemReader current = SystemReader.getInstance();
        if (current instanceof GitEnvironment) return;
        Path h = home();
        SystemReader.setInstance(new GitEnvironment(current, h));
        FS.DETECTED.setUserHome(h.toFile());
    }

    @Override
    public String getHostname() {
        return base.getHostname();
    }

    @Override
    public String getenv(String variable) {
        if ("GIT_SSH".equals(variable)) return null; // ExternalSsh runs it, with C git's arguments
        return base.getenv(variable);
    }

    @Override
    public String getProperty(String key) {
        if ("user.home".equals(key)) return home.toString();
        return base.getProperty(key);
    }

    @Override
    public FileBasedConfig openUserConfig(Config parent, FS fs) {
        return base.openUserConfig(parent, fs);
    }

    @Override
    public FileBasedConfig openSystemConfig(Config parent, FS fs) {
        return base.openSystemConfig(parent, fs);
    }

    @Override
    public FileBasedConfig openJGitConfig(Config parent, FS fs) {
        return base.openJGitConfig(parent, fs);
    }

    @Override
    public long getCurrentTime() {
        return base.getCurrentTime();
    }

    @Override
    public int getTimezone(long when) {
        return base.getTimezone(when);
    }
}
