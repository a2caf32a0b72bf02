package io.vaultsync.cli;

import io.vaultsync.fixtures.CliRun;
import io.vaultsync.policy.Role;

/**
 * An agent's CLI run in this JVM, as a user would type it: vault-model's own tests' copy of
 * vault-test-support's {@code AgentCliRuns} (which comes after this module), without an extension.
 */
public final class TestCli {
    private TestCli() {}

    public static CliRun run(Role role, String... args) {
        return CliRun.of((out, err) -> AgentCli.run(role, role == Role.CLOUD ? "cloud-agent" : "local-agent", out, err,
                args));
    }
}
