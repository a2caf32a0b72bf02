package io.vaultsync.local;

import io.vaultsync.fixtures.AgentCliRuns;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.policy.Role;

/** The local agent's CLI run in this JVM, as a user would type it. */
public final class LocalCli {
    private LocalCli() {}

    public static CliRun run(String... args) {
        return AgentCliRuns.run(Role.LOCAL, LocalExtension.INSTANCE, args);
    }
}
