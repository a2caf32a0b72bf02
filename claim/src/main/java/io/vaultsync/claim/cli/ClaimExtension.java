package io.vaultsync.claim.cli;

import io.vaultsync.OpsEvents;
import io.vaultsync.claim.LeaseKeeper;
import io.vaultsync.cli.AgentExtension;
import io.vaultsync.cli.CliContext;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.lease.Lease;
import io.vaultsync.sync.SyncCycle;
import java.util.List;

/** Adds the claim commands to an agent's CLI and the lease keeper to its running cycle. */
public final class ClaimExtension implements AgentExtension {
    public static final ClaimExtension INSTANCE = new ClaimExtension();

    private ClaimExtension() {}

    @Override
    public List<Object> commands(CliContext ctx) {
        return List.of(new ClaimCommands.Claim().in(ctx), new ClaimCommands.Release().in(ctx),
                new ClaimCommands.Handoff().in(ctx), new ClaimsCommand().in(ctx));
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
