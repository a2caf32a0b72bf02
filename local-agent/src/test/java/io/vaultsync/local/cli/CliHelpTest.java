package io.vaultsync.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.cloud.CloudExtension;
import io.vaultsync.fixtures.AgentCliRuns;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.local.LocalExtension;
import io.vaultsync.policy.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Help for every command of both jars, without the command's required options; the other role's commands refused. */
class CliHelpTest {
    private static CliRun run(Role role, String... args) {
        return AgentCliRuns.run(role, role == Role.LOCAL ? LocalExtension.INSTANCE : CloudExtension.INSTANCE, args);
    }

    /** The command names the top-level help lists. */
    private static List<String> commands(Role role) {
        CliRun help = run(role, "--help");
        assertThat(help.code()).isZero();
        List<String> names = new ArrayList<>();
        boolean in = false;
        for (String line : help.out().split("\\R")) {
            if (line.startsWith("Commands:")) {
                in = true;
            } else if (in && line.matches("  \\S.*")) {
                names.add(line.trim().split("\\s+")[0]);
            } else if (in && !line.startsWith("   ")) {
                in = false;
            }
        }
        return names;
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyCommandsHelpExitsZeroWithoutItsRequiredOptions(Role role) {
        List<String> names = commands(role);
        assertThat(names).contains("init", "sync", "run", "status", "claim", "help", "completion");
        assertThat(names.contains("approve")).isEqualTo(role == Role.LOCAL);
        for (String name : names) {
            for (String help : List.of("--help", "-h")) {
                CliRun r = run(role, name, help);
                assertThat(r.code()).as(name + " " + help + ": " + r.err()).isZero();
                assertThat(r.out()).as(name).contains("Usage: " + AgentCliRuns.command(role) + " " + name);
                assertThat(r.err()).as(name).isEmpty();
            }
            CliRun viaHelp = run(role, "help", name);
            assertThat(viaHelp.code()).as("help " + name).isZero();
            assertThat(viaHelp.out()).contains("Usage: " + AgentCliRuns.command(role) + " " + name);
            // NAME --help is answered by a tree of that one command, help NAME by the whole tree: the same text
            if (!name.equals("help")) assertThat(run(role, name, "--help").out()).as(name).isEqualTo(viaHelp.out());
        }
    }

    @Test
    void helpComesFirstEvenAfterOtherOptions() {
        CliRun r = run(Role.LOCAL, "sync", "--vault", "x", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: local-agent sync").contains("--vault=DIR").contains("--log-file=FILE");
    }

    @Test
    void theOtherRolesCommandsExitTwoWithAHint() {
        for (String[] args : List.of(new String[] {"approve", "--help"}, new String[] {"approve", "Pending_Approval/email/x.md"},
                new String[] {"reject", "--vault", "v", "x"})) {
            CliRun r = run(Role.CLOUD, args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).contains(args[0] + " is a local-agent command");
            assertThat(r.out()).isEmpty();
        }
        assertThat(run(Role.CLOUD, "help", "approve").out()).contains("approve is a local-agent command");
        assertThat(run(Role.CLOUD, "--help").out()).doesNotContain("approve");
    }

    @Test
    void unknownCommandsExitTwo() {
        CliRun r = run(Role.LOCAL, "frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("frobnicate");
    }

    @Test
    void completionPrintsABashScriptForThisAgent() {
        CliRun r = run(Role.CLOUD, "completion");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("complete -F").contains("cloud-agent").contains("claim").doesNotContain("approve");
    }

    @Test
    void versionNamesTheProjectVersionAndCommit() {
        CliRun r = run(Role.LOCAL, "--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).matches("(?s)vaultsync \\d+\\.\\d+\\.\\d+\\S* \\(commit [0-9a-f]{7,}(-dirty)?\\)\\R");
    }
}
