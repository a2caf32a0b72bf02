package io.vaultsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.policy.Role;
import io.vaultsync.sync.TestVaults;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --http} and {@code --stale-after} on the command line and in the agent's settings: a bad value
 * is a usage error, an address that cannot be bound stops {@code run} at its start with exit 26, before any cycle.
 */
class RunHttpCliTest {
    @TempDir
    Path root;

    @Test
    void aBadAddressIsAUsageErrorThatSaysTheAcceptedForms() {
        TestVaults v = TestVaults.create(root);
        CliRun r = TestCli.run(Role.CLOUD, "run", "--vault", v.cloud().toString(), "--http", "everywhere");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("'everywhere' is not host:port or a port (e.g. 9410, 127.0.0.1:9410)");
    }

    @Test
    void aBadStaleAfterIsAUsageError() {
        TestVaults v = TestVaults.create(root);
        CliRun r = TestCli.run(Role.CLOUD, "run", "--vault", v.cloud().toString(), "--http", "0", "--stale-after", "soon");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--stale-after");
    }

    @Test
    void aPortInUseStopsRunAtItsStartWithItsOwnExitCode() throws Exception {
        TestVaults v = TestVaults.create(root);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String at = "127.0.0.1:" + taken.getLocalPort();
            CliRun r = TestCli.run(Role.CLOUD, "run", "--vault", v.cloud().toString(), "--http", at);
            assertThat(r.code()).isEqualTo(ExitCodes.CANNOT_SERVE);
            assertThat(r.err()).contains("cannot serve HTTP at " + at + ": ").doesNotContain("\tat ");
            assertThat(r.out()).as("no cycle ran").doesNotContain("running on");
        }
    }

    @Test
    void aBadHttpSettingStopsRunWithTheSameExitCode() {
        TestVaults v = TestVaults.create(root);
        Path gitDir = VaultRepo.gitDirOf(v.cloud());
        AgentSettings s = SettingsStore.read(gitDir);
        SettingsStore.write(gitDir, s.withService(s.service().withHttp("nowhere:port")));
        CliRun r = TestCli.run(Role.CLOUD, "run", "--vault", v.cloud().toString());
        assertThat(r.code()).isEqualTo(ExitCodes.CANNOT_SERVE);
        assertThat(r.err()).contains("the agent's http setting: 'nowhere:port' is not host:port or a port");
    }
}
