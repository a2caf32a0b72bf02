package io.vaultsync.cli;

import io.vaultsync.policy.Role;
import java.io.PrintWriter;
import java.time.Clock;

/** What every subcommand of one agent's CLI shares: its role, its output streams, the clock and
 * the modules that extend it. */
public record CliContext(Role role, String command, PrintWriter out, PrintWriter err, Clock clock,
        AgentExtension extension) {}
