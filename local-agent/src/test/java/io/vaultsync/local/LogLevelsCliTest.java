package io.vaultsync.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Each command sets its own log levels in Logback, whatever ran before it in the same JVM. */
class LogLevelsCliTest {
    private static final Logger ROOT = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private static final Logger SSHD = LoggerFactory.getLogger("org.apache.sshd");

    @Test
    void eachCommandRunsWithItsOwnLevels() {
        LocalCli.run("run", "--help");
        assertThat(ROOT.isInfoEnabled()).isTrue();
        assertThat(ROOT.isDebugEnabled()).isFalse();

        LocalCli.run("sync", "--help", "--verbose");
        assertThat(ROOT.isDebugEnabled()).isTrue();
        assertThat(SSHD.isDebugEnabled()).isTrue();

        LocalCli.run("status", "--help");
        assertThat(ROOT.isWarnEnabled()).isTrue();
        assertThat(ROOT.isInfoEnabled()).isFalse();
        assertThat(SSHD.isWarnEnabled()).isFalse();
        assertThat(SSHD.isErrorEnabled()).isTrue();
    }
}
