package io.vaultsync.cloud;

import io.vaultsync.cli.AgentCli;
import io.vaultsync.policy.Role;

/** The cloud-agent executable: {@code java -jar cloud-agent.jar COMMAND ...}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(AgentCli.main(Main.class, Role.CLOUD, "cloud-agent", CloudExtension.INSTANCE, args));
    }
}
