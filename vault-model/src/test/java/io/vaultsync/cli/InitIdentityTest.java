package io.vaultsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.policy.Role;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running init again on a vault keeps who the clone is; changing its role or name takes --reassign. */
class InitIdentityTest {
    @TempDir
    Path root;

    CliRun init(Role role, String... more) {
        String[] args = new String[more.length + 5];
        args[0] = "init";
        args[1] = "--vault";
        args[2] = root.resolve("vault").toString();
        args[3] = "--remote";
        args[4] = root.resolve("remote.git").toString();
        System.arraycopy(more, 0, args, 5, more.length);
        return TestCli.run(role, args);
    }

    AgentSettings settings() {
        return SettingsStore.read(root.resolve("vault/.git"));
    }

    @Test
    void aSecondInitKeepsTheNameTheMachineAndTheAccessSettingsAndTheOtherRoleNeedsReassign() {
        CGit.initBare(root.resolve("remote.git"));
        assertThat(init(Role.LOCAL, "--machine", "desk", "--ssh-key", "/k/id", "--network-timeout", "5s").code()).isZero();

        CliRun again = init(Role.LOCAL);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(settings().machine()).isEqualTo("desk");
        assertThat(settings().name()).isEqualTo("local_agent");
        assertThat(settings().access().sshKey()).isEqualTo(Path.of("/k/id"));
        assertThat(settings().access().networkTimeout()).hasSeconds(5);

        CliRun cloud = init(Role.CLOUD);
        assertThat(cloud.code()).isEqualTo(ExitCodes.BAD_VAULT);
        assertThat(cloud.err()).contains("this vault is local_agent (local) on desk").contains("role local -> cloud")
                .contains("--reassign");
        assertThat(settings().role()).isEqualTo(Role.LOCAL);

        CliRun renamed = init(Role.LOCAL, "--agent", "other");
        assertThat(renamed.code()).isEqualTo(ExitCodes.BAD_VAULT);
        assertThat(settings().name()).isEqualTo("local_agent");

        CliRun moved = init(Role.LOCAL, "--machine", "laptop");
        assertThat(moved.code()).isZero();
        assertThat(moved.out()).contains("changed machine desk -> laptop");
    }
}
