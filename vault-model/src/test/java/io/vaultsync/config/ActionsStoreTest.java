package io.vaultsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.VaultStateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionsStoreTest {
    @TempDir
    Path gitDir;

    void write(String yaml) throws Exception {
        Files.createDirectories(ActionsStore.file(gitDir).getParent());
        Files.writeString(ActionsStore.file(gitDir), yaml);
    }

    @Test
    void noFileMeansNoCommands() {
        assertThat(ActionsStore.read(gitDir)).isEqualTo(Actions.NONE);
    }

    @Test
    void writtenThenReadGivesTheSameActions() {
        Actions a = Actions.NONE.withHandler("email", List.of("/opt/h.sh", "--fast"))
                .withExecutor("email", List.of("/opt/send", "--outbox", "/var/out")).withRetries(5, Duration.ofSeconds(30));
        ActionsStore.write(gitDir, a);
        assertThat(ActionsStore.read(gitDir)).isEqualTo(a);
    }

    @Test
    void aCommandIsAStringSplitOnWhitespaceOrAList() throws Exception {
        write("handlers:\n  email: /opt/h.sh  --x   y\nexecutors:\n  pay: [\"/opt/pay tool\", \"--dry\"]\ntimeout: 2m\n");
        Actions a = ActionsStore.read(gitDir);
        assertThat(a.handler("email")).contains(List.of("/opt/h.sh", "--x", "y"));
        assertThat(a.executor("pay")).contains(List.of("/opt/pay tool", "--dry"));
        assertThat(a.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(a.maxAttempts()).isEqualTo(Actions.DEFAULT_MAX_ATTEMPTS);
    }

    @Test
    void badValuesNameTheFileAndTheKey() throws Exception {
        String[][] cases = {
            {"handler:\n  email: x\n", "key 'handler': unknown key"},
            {"handlers:\n  email: 3\n", "key 'handlers.email': expected a command string or a list"},
            {"handlers: [a]\n", "key 'handlers': expected a mapping"},
            {"handlers:\n  email: []\n", "key 'handlers.email': empty command"},
            {"max_attempts: two\n", "key 'max_attempts': expected a whole number"},
            {"max_attempts: 0\n", "max_attempts must be at least 1"},
            {"retry_delay: soon\n", "key 'retry_delay'"},
            {"handlers: {email: x\n", "unreadable"},
        };
        for (String[] c : cases) {
            write(c[0]);
            assertThatThrownBy(() -> ActionsStore.read(gitDir)).as(c[0]).isInstanceOf(VaultStateException.class)
                    .hasMessageContaining("actions.yaml").hasMessageContaining(c[1]);
        }
    }

    @Test
    void anAssignmentFromTheCommandLineIsNameEqualsCommand() {
        assertThat(ActionsStore.parseAssignment("email=/opt/send --outbox /o")).isEqualTo(
                Map.entry("email", List.of("/opt/send", "--outbox", "/o")));
        assertThatThrownBy(() -> ActionsStore.parseAssignment("email")).hasMessageContaining("expected NAME=COMMAND");
        assertThatThrownBy(() -> ActionsStore.parseAssignment("=x")).hasMessageContaining("expected NAME=COMMAND");
        assertThatThrownBy(() -> ActionsStore.parseAssignment("email=")).hasMessageContaining("expected NAME=COMMAND");
    }

    @Test
    void theRetryDelayDoublesWithEachFailure() {
        Actions a = Actions.NONE.withRetries(5, Duration.ofSeconds(10));
        assertThat(List.of(a.delayAfter(1), a.delayAfter(2), a.delayAfter(3))).containsExactly(
                Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40));
    }
}
