package io.vaultsync.config;

import java.nio.file.Path;

/** The user's home folder as C git takes it: {@code $HOME}, else Java's {@code user.home}. */
public final class UserHome {
    private UserHome() {}

    public static Path path() {
        String h = System.getenv("HOME");
        return Path.of(h == null || h.isBlank() ? System.getProperty("user.home") : h).toAbsolutePath();
    }
}
