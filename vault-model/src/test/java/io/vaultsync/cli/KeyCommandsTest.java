package io.vaultsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.config.AgentSettings;
import io.vaultsync.git.sign.SigningKey;
import io.vaultsync.policy.Role;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the agents say about their signing key when a clone from before signing starts. */
class KeyCommandsTest {
    @TempDir
    Path dir;

    @Test
    void aCloneWithoutAKeyGetsOneAtStartAndSaysSoOnce() throws Exception {
        Path git = dir.resolve(".git");
        Files.createDirectories(git);
        AgentSettings s = new AgentSettings("cloud_agent", Role.CLOUD, "vm", "/remote.git", "main", AgentSettings.DEFAULT_INTERVAL);
        StringWriter first = new StringWriter();
        StringWriter second = new StringWriter();

        KeyCommands.startLines(new PrintWriter(first), s, git);
        KeyCommands.startLines(new PrintWriter(second), s, git);

        String pub = SigningKey.load(git).orElseThrow().publicKey().line();
        assertThat(first.toString()).contains("cloud_agent: made a signing key for this clone (it had none): " + pub)
                .contains("local-agent trust cloud_agent --key '" + pub + "'").doesNotContain("PRIVATE");
        assertThat(second.toString()).isEmpty();
    }
}
