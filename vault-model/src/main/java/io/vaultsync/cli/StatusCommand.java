package io.vaultsync.cli;

import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.Mappers;
import io.vaultsync.progress.Progress;
import io.vaultsync.status.StatusReport;
import io.vaultsync.status.StatusService;
import io.vaultsync.sync.BlockedPath;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(addMethodSubcommands = false, name = "status", description = "Show where this agent stands: last sync, ahead/behind, what is held back.")
final class StatusCommand extends VaultCommand {
    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        // the same report as json()'s, with the progress of its scan of a big work tree shown on a terminal
        StatusReport r = StatusService.compute(opts.vault, settings(), Progress.forCli(ctx.err()));
        if (json) {
            ctx.out().println(Mappers.prettyJson(r));
            return ExitCodes.OK;
        }
        text(ctx.out(), r);
        return ExitCodes.OK;
    }

    /** What {@code status --json} prints (without the line end): also {@code run --http}'s {@code /status}. */
    static String json(Path vault, AgentSettings s) throws IOException {
        return Mappers.prettyJson(StatusService.compute(vault, s));
    }

    private static void text(PrintWriter out, StatusReport r) {
        out.printf("agent         %s (%s) on %s%n", r.agent(), r.role(), r.machine());
        out.printf("vault         %s%n", r.vault());
        out.printf("remote        %s (branch %s)%n", r.remote(), r.branch());
        out.printf("last sync     %s%n", r.lastSync() == null ? "never" : r.lastSync().toString());
        if (r.consecutiveFailures() > 0) {
            out.printf("last attempt  %s: %s (%d failed in a row)%n", r.lastAttempt(), r.lastOutcome(),
                    r.consecutiveFailures());
        }
        if (r.transportError() != null) {
            out.printf("remote error  %s since %s: %s%n", r.transportError().kind().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' '), r.transportError().since(), r.transportError().message());
        }
        out.printf("ahead/behind  %d/%d (as of the last fetch)%n", r.ahead(), r.behind());
        out.printf("remote moved  %s (since this clone's last fetch)%n", r.remoteMoved());
        r.lastPushes().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> out.printf(
                "last push     %-14s %s  commit %s  on %s%n", e.getKey(), e.getValue().time(), e.getValue().commit().substring(0, 10),
                e.getValue().machine() == null ? "?" : e.getValue().machine()));
        if (!r.policyNotInForce().isEmpty()) {
            out.printf("policy        %d version(s) on the branch not in force (the last one its owner wrote is):%n",
                    r.policyNotInForce().size());
            for (String p : r.policyNotInForce()) out.printf("  %s%n", p);
        }
        daemon(out, r);
        out.printf("pending       %d path(s) to commit at the next sync%n", r.pending());
        out.printf("blocked       %d%n", r.blocked().size());
        for (BlockedPath b : r.blocked()) out.printf("  %s  [%s]%n", b.path(), b.rule());
        out.printf("outside zone  %d%n", r.outsideZone().size());
        for (String p : r.outsideZone()) out.printf("  %s%n", p);
        out.printf("conflicts     %d open%n", r.conflicts().size());
        for (StatusReport.OpenCard c : r.conflicts()) out.printf("  %s  %s on %s%n", c.card(), c.kind(), c.path());
        if (!r.provisionalClaims().isEmpty()) {
            out.printf("provisional   %d claim(s) not yet on the remote; the next sync confirms or undoes them%n",
                    r.provisionalClaims().size());
            for (String p : r.provisionalClaims()) out.printf("  %s%n", p);
        }
    }

    /** Whether an agent runs on the vault, and where the scan below comes from. */
    private static void daemon(PrintWriter out, StatusReport r) {
        StatusReport.Daemon d = r.daemon();
        if (d == null) {
            out.printf("daemon        %s%n", r.daemonState());
        } else {
            out.printf("daemon        running, pid %d since %s%n", d.pid(), d.since());
            out.printf("  last cycle  %s%n", d.lastCycle() == null ? "none yet (the first one runs)"
                    : d.lastCycle() + " " + d.lastOutcome() + (d.lastError() == null ? "" : ": " + d.lastError()));
            out.printf("  endpoint    %s%n", d.endpoint() == null ? "none" : d.endpoint());
        }
        if (r.scan() != null && "daemon".equals(r.scan().by())) {
            out.printf("scan          the running agent's, of %s (its watcher has seen no change since: not scanned again)%n",
                    r.scan().at());
        }
    }
}
