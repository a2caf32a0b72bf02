package io.vaultsync.cli;

import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.Durations;
import io.vaultsync.daemon.Supervision;
import io.vaultsync.git.VaultRepo;
import io.vaultsync.ops.HttpAddress;
import io.vaultsync.sync.LoopHealth;
import io.vaultsync.sync.RunLoop;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.sync.SyncReport;
import io.vaultsync.work.Worker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(addMethodSubcommands = false, name = "run", description = "Sync until SIGTERM or SIGINT (which finish the cycle in flight): a full cycle when files"
        + " change (debounced), a cheap look at the remote every --interval, a full rescan every --rescan.")
final class RunCommand extends VaultCommand {
    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How often the remote is asked for news, e.g. 1s, 30s, 5m (default: the agent's setting, 30s)."
                    + " With --no-watch: the time between full cycles.")
    Duration interval;

    @Option(names = "--debounce", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "A local change is committed and pushed once files have been quiet this long, and at the latest"
                    + " this long after it (default: the agent's push_debounce setting, 500ms).")
    Duration debounce;

    @Option(names = "--rescan", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "A full scan of the work tree at least this often, whatever the file events say"
                    + " (default: the agent's rescan setting, 10m).")
    Duration rescan;

    @Option(names = "--no-watch", description = "No file watcher: a full cycle every --interval, as before.")
    boolean noWatch;

    @Option(names = "--http", paramLabel = "ADDR", converter = HttpAddressConverter.class,
            description = "Serve /healthz /readyz /status /metrics at ADDR: a port (loopback), host:port, or [v6]:port;"
                    + " port 0 picks a free one (default: the agent's http setting; none). There is no authentication:"
                    + " an address that is not loopback is served as asked, with a warning.")
    HttpAddress http;

    @Option(names = "--stale-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "/readyz turns 503 once the last successful sync is older than this"
                    + " (default: the agent's stale_after setting, 3 x --interval).")
    Duration staleAfter;

    /** The endpoint's address once bound, or null: for the daemon's state file. */
    private volatile InetSocketAddress served;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AgentSettings s = settings();
        KeyCommands.startLines(ctx.out(), s, VaultRepo.gitDirOf(opts.vault)); // a vault from before signing gets its key
        RunLoop.Timing timing = new RunLoop.Timing(interval == null ? s.interval() : interval,
                debounce == null ? s.pushDebounce() : debounce, rescan == null ? s.rescan() : rescan, !noWatch);
        SyncCycle cycle = SyncCycle.standard(s);
        LoopHealth health = new LoopHealth(s.service().hangAfter());
        List<RunLoop.Listener> listeners = new ArrayList<>(List.of(health, new Output(s.name(), timing.interval())));
        RunEndpoint endpoint;
        try {
            endpoint = RunEndpoint.open(ctx, s, opts.vault, http, staleAfter, timing.interval(), health);
        } catch (RunEndpoint.CannotServe e) {
            ctx.err().println(ctx.command() + ": " + e.getMessage());
            return ExitCodes.CANNOT_SERVE;
        }
        served = endpoint.address();
        listeners.add(endpoint.listener());
        Worker worker = ctx.extension().worker(ctx, s, cycle, endpoint.events());
        try (endpoint; Supervision sup = Supervision.start(VaultRepo.gitDirOf(opts.vault), health, timing.interval(),
                timing.watch(), System.getenv())) {
            if (served != null) sup.endpoint(new HttpAddress(served.getAddress().getHostAddress(), served.getPort()).toString());
            listeners.add(1, sup.listener());
            long n = new RunLoop(opts.vault, timing, cycle, ctx.extension().keeper(s, endpoint.events()), worker,
                    RunLoop.Listener.all(listeners)).run();
            ctx.out().println(s.name() + ": stopped after " + n + " cycle" + (n == 1 ? "" : "s"));
        }
        return ExitCodes.OK;
    }

    /** Where the HTTP endpoint listens, once bound (null without {@code --http} or the {@code http} setting). */
    public InetSocketAddress servedAt() {
        return served;
    }

    /** What the loop tells, as lines on the CLI's output and error streams. */
    private final class Output implements RunLoop.Listener {
        private final String agent;
        private final Duration every;

        Output(String agent, Duration every) {
            this.agent = agent;
            this.every = every;
        }

        @Override
        public void started() {
            ctx.out().println(agent + ": running on " + opts.vault.toAbsolutePath() + " every " + Durations.format(every)
                    + " (pid " + ProcessHandle.current().pid() + ")");
            ctx.out().flush();
        }

        @Override
        public void cycled(SyncReport report, Duration took) {
            Reports.print(ctx.out(), report);
        }

        @Override
        public void cycleFailed(Exception e, Duration took) {
            failed("cycle failed: ", e);
        }

        @Override
        public void workFailed(Exception e) {
            failed("work after the cycle failed: ", e);
        }

        private void failed(String what, Exception e) {
            ctx.err().println(ctx.command() + ": " + what + AgentCli.message(e));
            if (AgentCli.stackTraces(spec)) e.printStackTrace(ctx.err());
        }

        @Override
        public void notWatching(IOException e) {
            ctx.err().println(ctx.command() + ": cannot watch the work tree (" + e.getMessage() + "); syncing every "
                    + Durations.format(every) + " instead");
            ctx.err().flush();
        }

        @Override
        public void passEnded() {
            ctx.out().flush();
            ctx.err().flush();
        }
    }
}
