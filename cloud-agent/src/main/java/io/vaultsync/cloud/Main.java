package io.vaultsync.cloud;

import io.vaultsync.cli.AgentCli;
import io.vaultsync.policy.Role;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The cloud-agent executable: {@code java -jar cloud-agent.jar COMMAND ...}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args));
    }

    /** What tests call: the exit code instead of exiting. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        configureLogging(args);
        return AgentCli.run(Role.CLOUD, "cloud-agent", out, err, args);
    }

    /** Chosen before the first logger exists: quiet for one-shot commands, INFO for the daemon. */
    private static void configureLogging(String[] args) {
        if (System.getProperty("vaultsync.log.level") != null) return;
        var list = Arrays.asList(args);
        String level = list.contains("--verbose") ? "DEBUG" : list.contains("run") ? "INFO" : "WARN";
        System.setProperty("vaultsync.log.level", level);
    }
}
