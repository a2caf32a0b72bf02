package io.vaultsync.local;

import io.vaultsync.OpsEvents;
import io.vaultsync.claim.cli.ClaimExtension;
import io.vaultsync.cli.AgentExtension;
import io.vaultsync.cli.CliContext;
import io.vaultsync.cli.KeyCommands;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.local.approve.HandApprovals;
import io.vaultsync.local.cli.VerdictCommands;
import io.vaultsync.local.dashboard.DashboardKeeper;
import io.vaultsync.local.exec.LocalWorker;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.work.WorkPool;
import io.vaultsync.work.WorkOutput;
import io.vaultsync.work.Worker;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The local role: the claim commands, approve and reject; in each cycle of {@code run} the lease keeper
 * the stamp for drafts approved by hand and the dashboard; after each cycle the executors.
 */
public final class LocalExtension implements AgentExtension {
    public static final LocalExtension INSTANCE = new LocalExtension();

    private LocalExtension() {}

    @Override
    public Map<String, Supplier<Object>> commands(CliContext ctx) {
        Map<String, Supplier<Object>> out = new LinkedHashMap<>(ClaimExtension.INSTANCE.commands(ctx));
        out.put("approve", () -> new VerdictCommands.Approve().in(ctx));
        out.put("reject", () -> new VerdictCommands.Reject().in(ctx));
        out.put("revoke-key", () -> new KeyCommands.RevokeKey().in(ctx));
        return out;
    }

    @Override
    public SyncCycle.Prelude keeper(AgentSettings settings) {
        return keeper(settings, OpsEvents.NONE);
    }

    @Override
    public SyncCycle.Prelude keeper(AgentSettings settings, OpsEvents events) {
        return ClaimExtension.INSTANCE.keeper(settings, events).andThen(new HandApprovals()).andThen(new DashboardKeeper());
    }

    @Override
    public Worker worker(CliContext ctx, AgentSettings settings, SyncCycle cycle) {
        return worker(ctx, settings, cycle, OpsEvents.NONE);
    }

    @Override
    public Worker worker(CliContext ctx, AgentSettings settings, SyncCycle cycle, OpsEvents events) {
        return new LocalWorker(settings, ctx.clock(), cycle, new WorkOutput(settings.name(), ctx.out(), events),
                WorkPool.bounded(settings.service().workers(), "work"));
    }
}
