package io.vaultsync.ops;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vaultsync.OpsEvents;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * A running agent's metrics, in a registry of its own (never the client's global one): what its cycles did,
 * its remote, its vault, its role's work, and the JVM's own metrics. Names follow the Prometheus conventions
 * ({@code vaultsync_…_total} counters, {@code _seconds} units); the text exposition is the client's. The
 * counters are fed by a {@link MetricsListener} (the loop) and by {@link OpsEvents} (leases, commands).
 */
public final class AgentMetrics implements OpsEvents {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();

    final Counter cycles = Counter.builder().name("vaultsync_cycles_total")
            .help("Sync cycles by result: success (something moved), noop (up to date), error (the remote not reached"
                    + " or the push race lost, or the cycle failed)").labelNames("result").register(registry);
    final Histogram cycleSeconds = Histogram.builder().name("vaultsync_cycle_duration_seconds")
            .help("How long sync cycles took, by result").labelNames("result").classicOnly()
            .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300).register(registry);
    final Gauge lastSuccess = Gauge.builder().name("vaultsync_last_success_timestamp_seconds")
            .help("When the agent last knew it was in sync with the remote (Unix time): a cycle that reached it, or a look"
                    + " that found it unchanged; 0 before the first").register(registry);
    final Gauge reachable = Gauge.builder().name("vaultsync_remote_reachable")
            .help("1 if the last cycle or look at the remote reached it, else 0").register(registry);
    final Counter fetches = Counter.builder().name("vaultsync_fetches_total")
            .help("Fetches of full cycles, by result (ok: the remote answered)").labelNames("result").register(registry);
    final Counter pushes = Counter.builder().name("vaultsync_pushes_total")
            .help("Pushes of sync cycles by result: ok (landed), lost_race (another writer moved the branch first),"
                    + " rejected (the server refused it)").labelNames("result").register(registry);
    final Counter polls = Counter.builder().name("vaultsync_remote_polls_total")
            .help("Looks at the remote's head (ls-remote) between cycles, by result (moved, unchanged, error)")
            .labelNames("result").register(registry);
    final Counter committed = Counter.builder().name("vaultsync_files_committed_total")
            .help("Paths committed by sync cycles").register(registry);
    final Gauge blocked = Gauge.builder().name("vaultsync_paths_blocked")
            .help("Paths the last scan held back, by the rule that blocked them").labelNames("rule").register(registry);
    final Gauge outside = Gauge.builder().name("vaultsync_paths_outside_zones")
            .help("Changed paths outside this agent's write zones, as of the last scan").register(registry);
    final Counter cardsOpened = Counter.builder().name("vaultsync_cards_opened_total")
            .help("Decision cards raised by sync cycles, by kind").labelNames("kind").register(registry);
    final Gauge openCards = Gauge.builder().name("vaultsync_open_cards")
            .help("Open decision cards in the vault, by kind").labelNames("kind").register(registry);
    final Gauge claimsHeld = Gauge.builder().name("vaultsync_claims_held")
            .help("Tasks in this agent's In_Progress folder").register(registry);
    final Counter leasesRenewed = Counter.builder().name("vaultsync_leases_renewed_total")
            .help("Leases this agent renewed on tasks it holds").register(registry);
    final Counter leasesExpired = Counter.builder().name("vaultsync_leases_expired_total")
            .help("Other agents' tasks returned to Needs_Action because their lease expired").register(registry);
    final Counter commandRuns = Counter.builder().name("vaultsync_command_runs_total")
            .help("Handler and executor runs, by command, task type or domain, and result (ok, failed)")
            .labelNames("command", "type", "result").register(registry);
    final Gauge journalRecords = Gauge.builder().name("vaultsync_journal_records")
            .help("Records in this agent's journal").register(registry);

    /** The agent's metrics with the JVM's (memory, GC, threads, classes, CPU). */
    public AgentMetrics() {
        JvmMetrics.builder().register(registry);
        for (String r : new String[] {"success", "noop", "error"}) cycles.initLabelValues(r);
        for (String r : new String[] {"ok", "error"}) fetches.initLabelValues(r);
        for (String r : new String[] {"ok", "lost_race", "rejected"}) pushes.initLabelValues(r);
        for (String r : new String[] {"moved", "unchanged", "error"}) polls.initLabelValues(r);
    }

    /** The Prometheus text format's content type. */
    public String contentType() {
        return text.getContentType();
    }

    /** Writes every metric in the Prometheus text format. */
    public void write(OutputStream out) throws IOException {
        text.write(out, registry.scrape());
    }

    /** Replaces a labelled gauge's series with {@code counts} (series no longer counted disappear). */
    static void setAll(Gauge g, Map<String, Long> counts) {
        g.removeIf(labels -> !counts.containsKey(labels.get(0)));
        counts.forEach((k, v) -> g.labelValues(k).set(v));
    }

    @Override
    public void leaseRenewed() {
        leasesRenewed.inc();
    }

    @Override
    public void leaseExpired() {
        leasesExpired.inc();
    }

    @Override
    public void commandRan(String command, String type, boolean ok) {
        commandRuns.labelValues(command, type, ok ? "ok" : "failed").inc();
    }
}
