package io.vaultsync.cloud;

import io.vaultsync.cli.AgentCli;
import io.vaultsync.policy.Role;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The cloud-agent executable: {@code java -jar cloud-agent.jar COMMAND ...}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(AgentCli.run(Role.CLOUD, "cloud-agent", new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), CloudExtension.INSTANCE, args));
    }
}
