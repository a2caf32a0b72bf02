package io.vaultsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.cloud.CloudExtension;
import io.vaultsync.local.LocalExtension;
import io.vaultsync.policy.Role;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine.Command;

/**
 * The command tree names each command before making it (so that only the one run is loaded): every name is the one
 * the command's class gives in {@code @Command}, for both roles, and each role has the commands it should.
 */
class CommandNamesTest {
    @ParameterizedTest
    @EnumSource(Role.class)
    void everyCommandIsNamedAsItsClassNamesIt(Role role) {
        CliContext ctx = new CliContext(role, role == Role.LOCAL ? "local-agent" : "cloud-agent",
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Clock.systemUTC(),
                role == Role.LOCAL ? LocalExtension.INSTANCE : CloudExtension.INSTANCE);
        var own = CliTree.ownCommands(ctx);
        own.forEach((name, make) -> {
            Command c = make.get().getClass().getAnnotation(Command.class);
            assertThat(c).as(name).isNotNull();
            assertThat(c.name()).as("the class of command " + name).isEqualTo(name);
        });
        assertThat(own).containsKeys("init", "status", "claim", "claims", "release", "handoff", "trust", "completion");
        assertThat(own.containsKey("approve")).isEqualTo(role == Role.LOCAL);
        assertThat(own.containsKey("revoke-key")).isEqualTo(role == Role.LOCAL);
    }
}
