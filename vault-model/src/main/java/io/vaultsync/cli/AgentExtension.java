package io.vaultsync.cli;

import io.vaultsync.OpsEvents;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.work.Worker;
import java.util.Map;
import java.util.function.Supplier;

/** What a module adds to the agents' shared command line: its subcommands and its share of a running agent's cycle. */
public interface AgentExtension {
    AgentExtension NONE = new AgentExtension() {
        @Override
        public Map<String, Supplier<Object>> commands(CliContext ctx) {
            return Map.of();
        }

        @Override
        public SyncCycle.Prelude keeper(AgentSettings settings) {
            return SyncCycle.Prelude.NONE;
        }
    };

    /**
     * Picocli command objects by their names (each also annotated with it), in the order help lists them; each made
     * only when the command line needs it, since loading a command's classes is part of every command's start-up.
     */
    Map<String, Supplier<Object>> commands(CliContext ctx);

    /** Run by {@code run} in each cycle before the scan (e.g. renewing leases). */
    SyncCycle.Prelude keeper(AgentSettings settings);

    /**
     * Run by {@code run} after each cycle, without the vault lock (it takes it for its own cycles); its slow steps
     * run beside the loop, {@code workers} ({@link AgentSettings#service()}) at a time.
     */
    default Worker worker(CliContext ctx, AgentSettings settings, SyncCycle cycle) {
        return Worker.NONE;
    }

    /** {@link #keeper(AgentSettings)} telling {@code events} what it does (lease renewals and returns). */
    default SyncCycle.Prelude keeper(AgentSettings settings, OpsEvents events) {
        return keeper(settings);
    }

    /** {@link #worker(CliContext, AgentSettings, SyncCycle)} telling {@code events} what it runs. */
    default Worker worker(CliContext ctx, AgentSettings settings, SyncCycle cycle, OpsEvents events) {
        return worker(ctx, settings, cycle);
    }

}
