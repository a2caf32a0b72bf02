package io.vaultsync.cli;

import io.vaultsync.OpsEvents;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.ops.AgentMetrics;
import io.vaultsync.ops.HttpAddress;
import io.vaultsync.ops.MetricsListener;
import io.vaultsync.ops.OpsServer;
import io.vaultsync.sync.LoopHealth;
import io.vaultsync.sync.RunLoop;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code run}'s HTTP endpoint when one is asked for ({@code --http}, else the agent's {@code http} setting): the
 * metrics, the listener that feeds them from the loop, the events the role's work tells, and the server. Without
 * an address: nothing served, a listener that does nothing and {@link OpsEvents#NONE}.
 */
final class RunEndpoint implements AutoCloseable {
    /** The endpoint cannot be served: a bad {@code http} setting, or an address that cannot be bound. */
    static final class CannotServe extends Exception {
        CannotServe(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final OpsServer server;
    private final RunLoop.Listener listener;
    private final OpsEvents events;

    private RunEndpoint(OpsServer server, RunLoop.Listener listener, OpsEvents events) {
        this.server = server;
        this.listener = listener;
        this.events = events;
    }

    /**
     * Binds the endpoint, if one is asked for, and says where on {@code out} (a warning on {@code err} when it is
     * reachable from other machines).
     *
     * @param asked      {@code --http}, or null for the agent's setting
     * @param staleAfter {@code --stale-after}, or null for the agent's setting
     */
    static RunEndpoint open(CliContext ctx, AgentSettings s, Path vault, HttpAddress asked, Duration staleAfter,
            Duration interval, LoopHealth health) throws CannotServe {
        HttpAddress at;
        try {
            at = asked != null ? asked : s.service().http() == null ? null : HttpAddress.parse(s.service().http());
        } catch (IllegalArgumentException e) {
            throw new CannotServe("the agent's http setting: " + e.getMessage(), e);
        }
        if (at == null) return new RunEndpoint(null, () -> { }, OpsEvents.NONE);
        AgentMetrics metrics = new AgentMetrics();
        MetricsListener fed = new MetricsListener(metrics, ctx.clock(), vault.toAbsolutePath(), VaultRepo.gitDirOf(vault),
                s.name());
        Duration stale = staleAfter != null ? staleAfter : s.service().staleAfter(interval);
        OpsServer server;
        try {
            if (at.exposed()) warn(ctx.err(), ctx.command() + ": warning: " + at + " is reachable from other machines and"
                    + " the endpoint has no authentication");
            server = OpsServer.start(at, new OpsServer.Sources(health, fed, stale, ctx.clock(), metrics,
                    () -> StatusCommand.json(vault, s)));
        } catch (IOException | IllegalArgumentException e) {
            throw new CannotServe("cannot serve HTTP at " + at + ": " + e.getMessage(), e);
        }
        ctx.out().println(s.name() + ": serving " + server.url() + "/healthz /readyz /status /metrics");
        ctx.out().flush();
        return new RunEndpoint(server, fed, metrics);
    }

    private static void warn(PrintWriter err, String line) {
        err.println(line);
        err.flush();
    }

    /** What feeds the metrics from the loop. */
    RunLoop.Listener listener() {
        return listener;
    }

    /** What the role's work tells the metrics. */
    OpsEvents events() {
        return events;
    }

    /** Where the endpoint listens, or null when none is served. */
    InetSocketAddress address() {
        return server == null ? null : server.address();
    }

    @Override
    public void close() {
        if (server != null) server.close();
    }
}
