package io.vaultsync.local;

import io.vaultsync.cli.AgentCli;
import io.vaultsync.policy.Role;

/** The local-agent executable: {@code java -jar local-agent.jar COMMAND ...}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(AgentCli.main(Main.class, Role.LOCAL, "local-agent", LocalExtension.INSTANCE, args));
    }
}
