package io.vaultsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultsync.VaultStateException;
import io.vaultsync.policy.Role;
import io.vaultsync.config.RemoteAccess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetch interval, the push debounce and the rescan period are separate settings of each agent. */
class SettingsStoreTest {
    private static final String BEFORE = "name: cloud_agent\nrole: cloud\nmachine: vm\nremote: /r.git\nbranch: main\ninterval: 30s\n";

    @Test
    void timingSettingsRoundTripAndAFileWrittenBeforeThemGetsTheDefaults(@TempDir Path gitDir) throws Exception {
        AgentSettings s = new AgentSettings("cloud_agent", Role.CLOUD, "vm", "/r.git", "main", Duration.ofSeconds(1))
                .withTiming(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofMinutes(5))
                .withLockMaxAge(Duration.ofMinutes(30));
        SettingsStore.write(gitDir, s);
        assertThat(Files.readString(SettingsStore.file(gitDir))).contains("interval: \"1s\"").contains("push_debounce: \"200ms\"")
                .contains("rescan: \"5m\"").contains("lock_max_age: \"30m\"");
        assertThat(SettingsStore.read(gitDir)).isEqualTo(s);

        Files.writeString(SettingsStore.file(gitDir), BEFORE, StandardCharsets.UTF_8);
        AgentSettings old = SettingsStore.read(gitDir);
        assertThat(old.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(old.pushDebounce()).isEqualTo(AgentSettings.DEFAULT_PUSH_DEBOUNCE);
        assertThat(old.rescan()).isEqualTo(AgentSettings.DEFAULT_RESCAN);
        assertThat(old.lockMaxAge()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aLockMaxAgeShorterThanAMinuteIsRefusedByName(@TempDir Path gitDir) throws Exception {
        Files.createDirectories(SettingsStore.stateDir(gitDir));
        Files.writeString(SettingsStore.file(gitDir), BEFORE + "lock_max_age: 5s\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SettingsStore.read(gitDir)).isInstanceOf(VaultStateException.class)
                .hasMessageContaining("agent.yaml").hasMessageContaining("lock_max_age");
    }

    @Test
    void aBadDurationNamesTheFileAndTheKey(@TempDir Path gitDir) throws Exception {
        Files.createDirectories(SettingsStore.stateDir(gitDir));
        Files.writeString(SettingsStore.file(gitDir), BEFORE + "push_debounce: soon\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SettingsStore.read(gitDir)).isInstanceOf(VaultStateException.class)
                .hasMessageContaining("agent.yaml").hasMessageContaining("key 'push_debounce'").hasMessageContaining("soon");
    }

    @Test
    void accessSettingsRoundTripAndAbsentOnesAreDefaults(@TempDir Path gitDir) throws Exception {
        RemoteAccess a = new RemoteAccess(Path.of("/k/id_ed25519"), Path.of("/k/known_hosts"), Path.of("/k/pass"), "alice",
                Path.of("/k/token"), null, Duration.ofSeconds(5));
        AgentSettings s = new AgentSettings("cloud_agent", Role.CLOUD, "vm", "https://h/v.git", "main", Duration.ofSeconds(1))
                .withAccess(a);
        SettingsStore.write(gitDir, s);
        assertThat(Files.readString(SettingsStore.file(gitDir))).contains("ssh_key: \"/k/id_ed25519\"")
                .contains("token_file: \"/k/token\"").contains("network_timeout: \"5s\"").doesNotContain("password_file");
        assertThat(SettingsStore.read(gitDir)).isEqualTo(s);
        assertThat(SettingsStore.access(gitDir)).isEqualTo(a);

        Files.writeString(SettingsStore.file(gitDir), BEFORE, StandardCharsets.UTF_8);
        assertThat(SettingsStore.read(gitDir).access()).isEqualTo(RemoteAccess.DEFAULT);
        Files.writeString(SettingsStore.file(gitDir), BEFORE + "network_timeout: never\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SettingsStore.read(gitDir)).isInstanceOf(VaultStateException.class)
                .hasMessageContaining("network_timeout");
        Files.writeString(SettingsStore.file(gitDir), "---\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SettingsStore.read(gitDir)).isInstanceOf(VaultStateException.class).hasMessageContaining("empty");
    }
}
