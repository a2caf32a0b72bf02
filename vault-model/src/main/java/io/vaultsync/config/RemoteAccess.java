package io.vaultsync.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How an agent reaches its remote, beyond the URL: the agent settings {@code ssh_key}, {@code known_hosts},
 * {@code ssh_passphrase_file} (SSH), {@code username}, {@code token_file}, {@code password_file} (HTTPS) and
 * {@code network_timeout}. Each may be absent (null): then SSH reads {@code $HOME/.ssh} like OpenSSH, and
 * HTTPS asks git's credential helpers and {@code ~/.netrc}. Files hold secrets; the settings hold only
 * their paths.
 */
public record RemoteAccess(Path sshKey, Path knownHosts, Path sshPassphraseFile, String username, Path tokenFile,
        Path passwordFile, Duration networkTimeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final RemoteAccess DEFAULT = new RemoteAccess(null, null, null, null, null, null, DEFAULT_TIMEOUT);

    public RemoteAccess {
        Objects.requireNonNull(networkTimeout, "network_timeout");
        if (networkTimeout.isNegative() || networkTimeout.isZero()) {
            throw new IllegalArgumentException("network_timeout must be positive");
        }
        if (tokenFile != null && passwordFile != null) {
            throw new IllegalArgumentException("token_file and password_file are both set; keep one");
        }
    }

    /** The network time limit in whole seconds, at least 1 (what JGit's transports take). */
    public int timeoutSeconds() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (networkTimeout.toMillis() + 999) / 1000));
    }

    public RemoteAccess withPasswordFile(String user, Path file) {
        return new RemoteAccess(sshKey, knownHosts, sshPassphraseFile, user, null, file, networkTimeout);
    }
}
