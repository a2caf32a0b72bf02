package io.vaultsync.transport;

import java.time.Duration;

/**
 * Apache sshd's authentication time limit (2 minutes by default): a server that accepts the connection and
 * never answers would hold a cycle that long. JGit 7.7 does not pass the transport's time limit on to it,
 * and builds its SSH client and session where no caller can set a property on them ({@code SshdSessionFactory}
 * makes both inside {@code getSession} and waits for authentication with {@code session.getAuthTimeout()}),
 * so the one place left is where sshd looks last: this system property. The process's last configured SSH
 * remote sets it. The only system property the agents set ({@code GlobalStateTest} allows this class alone).
 */
final class SshdAuthTimeout {
    static final String PROPERTY = "org.apache.sshd.config.auth-timeout";

    private SshdAuthTimeout() {}

    static void set(Duration limit) {
        System.setProperty(PROPERTY, Long.toString(limit.toMillis()));
    }
}
