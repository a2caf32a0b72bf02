package io.vaultsync.claim.cli;

import io.vaultsync.OpsEvents;
import io.vaultsync.claim.LeaseKeeper;
import io.vaultsync.cli.AgentExtension;
import io.vaultsync.cli.CliContext;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.lease.Lease;
import io.vaultsync.sync.SyncCycle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Adds the claim commands to an agent's CLI and the lease keeper to its running cycle. */
public final class ClaimExtension implements AgentExtension {
    public static final ClaimExtension INSTANCE = new ClaimExtension();

    private ClaimExtension() {}

    @Override
    public Map<String, Supplier<Object>> commands(CliContext ctx) {
        Map<String, Supplier<Object>> out = new LinkedHashMap<>();
        out.put("claim", () -> new ClaimCommands.Claim().in(ctx));
        out.put("release", () -> new ClaimCommands.Release().in(ctx));
        out.put("handoff", () -> new ClaimCommands.Handoff().in(ctx));
        out.put("claims", () -> new ClaimsCommand().in(ctx));
        return out;
    }

    @Override
    public SyncCycle.Prelude keeper(AgentSettings settings) {
        return keeper(settings, OpsEvents.NONE);
    }

    @Override
    public SyncCycle.Prelude keeper(AgentSettings settings, OpsEvents events) {
        return new LeaseKeeper(Lease.DEFAULT_LENGTH, events);
    }
}
