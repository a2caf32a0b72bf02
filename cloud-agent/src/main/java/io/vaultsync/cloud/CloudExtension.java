package io.vaultsync.cloud;

import io.vaultsync.OpsEvents;
import io.vaultsync.claim.cli.ClaimExtension;
import io.vaultsync.cli.AgentExtension;
import io.vaultsync.cli.CliContext;
import io.vaultsync.cloud.handler.CloudWorker;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.work.WorkPool;
import io.vaultsync.work.WorkOutput;
import io.vaultsync.work.Worker;
import java.util.Map;
import java.util.function.Supplier;

/** The cloud role: the claim commands and the lease keeper, and after each cycle of {@code run} the handlers. */
public final class CloudExtension implements AgentExtension {
    public static final CloudExtension INSTANCE = new CloudExtension();

    private CloudExtension() {}

    @Override
    public Map<String, Supplier<Object>> commands(CliContext ctx) {
        return ClaimExtension.INSTANCE.commands(ctx);
    }

    @Override
    public SyncCycle.Prelude keeper(AgentSettings settings) {
        return keeper(settings, OpsEvents.NONE);
    }

    @Override
    public SyncCycle.Prelude keeper(AgentSettings settings, OpsEvents events) {
        return ClaimExtension.INSTANCE.keeper(settings, events);
    }

    @Override
    public Worker worker(CliContext ctx, AgentSettings settings, SyncCycle cycle) {
        return worker(ctx, settings, cycle, OpsEvents.NONE);
    }

    @Override
    public Worker worker(CliContext ctx, AgentSettings settings, SyncCycle cycle, OpsEvents events) {
        return new CloudWorker(settings, ctx.clock(), cycle, new WorkOutput(settings.name(), ctx.out(), events),
                WorkPool.bounded(settings.service().workers(), "work"));
    }
}
