package io.vaultsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaultsync.OpsEvents;
import io.vaultsync.config.Mappers;
import io.vaultsync.sync.BlockedPath;
import io.vaultsync.sync.Candidates;
import io.vaultsync.sync.Integration;
import io.vaultsync.sync.LoopHealth;
import io.vaultsync.sync.RunLoop;
import io.vaultsync.sync.SyncOutcome;
import io.vaultsync.sync.SyncReport;
import io.vaultsync.transport.RemoteException;
import io.vaultsync.transport.TransportFailure;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint on a real socket (127.0.0.1, a port the system picks), fed by a real {@link LoopHealth} and
 * {@link MetricsListener} on a clock the test moves.
 */
class OpsServerTest {
    static final long S = 1_000_000_000L;
    static final Duration STALE = Duration.ofSeconds(90);

    @TempDir
    Path vault;

    final AtomicLong nanos = new AtomicLong(1_000 * S);
    final AtomicReference<Instant> wall = new AtomicReference<>(Instant.parse("2026-12-02T12:00:00Z"));
    final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return wall.get(); }
    };
    final LoopHealth health = new LoopHealth(clock, nanos::get, Duration.ofSeconds(60));
    final AgentMetrics metrics = new AgentMetrics();
    MetricsListener fed;
    RunLoop.Listener loop;
    OpsServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(vault.resolve(".git"));
        fed = new MetricsListener(metrics, clock, vault, vault.resolve(".git"), "cloud");
        loop = RunLoop.Listener.all(List.of(health, fed));
        server = OpsServer.start(HttpAddress.parse("127.0.0.1:0"), new OpsServer.Sources(health, fed, STALE, clock,
                metrics, () -> "{\"agent\" : \"cloud\"}"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    void after(long seconds) {
        nanos.addAndGet(seconds * S);
        wall.set(wall.get().plusSeconds(seconds));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static SyncReport report(SyncOutcome o, List<BlockedPath> blocked) {
        return new SyncReport("cloud", List.of(), List.of(), List.of(new SyncReport.Round(new Candidates(List.of(), blocked,
                List.of("Done/x.md")),
                new Integration(o, List.of(), List.of(), List.of(), List.of(), List.of(), false), List.of())));
    }

    static final TransportFailure GONE_FAILURE = new TransportFailure(TransportFailure.Kind.NOT_FOUND, "no repository at /x",
            "check the URL");
    static final SyncOutcome GONE = new SyncOutcome.Offline(GONE_FAILURE);

    @Test
    void readyzIsNotReadyBeforeTheFirstSyncThenReadyThenStaleWhileTheRemoteIsGoneAndReadyWhenItIsBack() throws Exception {
        assertThat(get("/readyz").statusCode()).isEqualTo(503);
        assertThat(json(get("/readyz")).get("reasons").toString()).isEqualTo("[\"not_started\"]");
        loop.started();
        loop.cycled(report(new SyncOutcome.Synced("abc", 1, 0), List.of()), Duration.ofMillis(20));
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).get("ready").asBoolean()).isTrue();

        after(60);
        loop.cycled(report(GONE, List.of()), Duration.ofMillis(5));
        assertThat(get("/readyz").statusCode()).as("gone, but for less than stale_after").isEqualTo(200);
        after(31);
        loop.cycled(report(GONE, List.of()), Duration.ofMillis(5));
        HttpResponse<String> stale = get("/readyz");
        assertThat(stale.statusCode()).isEqualTo(503);
        assertThat(json(stale).get("reasons").toString()).isEqualTo("[\"stale\"]");
        assertThat(json(stale).get("ageSeconds").asDouble()).isEqualTo(91.0);
        loop.waiting(Duration.ofSeconds(1));
        assertThat(get("/healthz").statusCode()).as("the loop is alive though the remote is gone").isEqualTo(200);

        loop.cycled(report(new SyncOutcome.UpToDate("abc"), List.of()), Duration.ofMillis(5));
        assertThat(get("/readyz").statusCode()).as("back").isEqualTo(200);
        after(91);
        assertThat(get("/readyz").statusCode()).as("idle: no cycle for longer than stale_after").isEqualTo(503);
        loop.peeked(false, null);
        assertThat(get("/readyz").statusCode()).as("a look found the remote unchanged: in sync").isEqualTo(200);
        after(91);
        loop.peeked(true, new RemoteException(GONE_FAILURE, null));
        assertThat(get("/readyz").statusCode()).as("a failed look confirms nothing").isEqualTo(503);
    }

    @Test
    void readyzSaysAuthFailedAndAnUnreadablePolicy() throws Exception {
        loop.started();
        loop.cycled(report(new SyncOutcome.Synced("abc", 1, 0), List.of()), Duration.ofMillis(20));
        loop.cycleFailed(new RemoteException(new TransportFailure(TransportFailure.Kind.AUTH_REFUSED, "refused", "fix"), null),
                Duration.ofSeconds(1));
        assertThat(json(get("/readyz")).get("reasons").toString()).isEqualTo("[\"auth_failed\"]");
        loop.cycled(report(new SyncOutcome.UpToDate("abc"), List.of(new BlockedPath(".vaultsync/policy.yaml",
                Candidates.UNREADABLE_POLICY))), Duration.ofMillis(20));
        assertThat(json(get("/readyz")).get("reasons").toString()).isEqualTo("[\"policy_unreadable\"]");
    }

    @Test
    void healthzTurns503WhenTheLoopOverstaysAStep() throws Exception {
        loop.started();
        loop.busy();
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        after(61);
        HttpResponse<String> hung = get("/healthz");
        assertThat(hung.statusCode()).isEqualTo(503);
        assertThat(json(hung).get("alive").asBoolean()).isFalse();
    }

    @Test
    void metricsAreTheClientsTextExpositionAndMoveWithTheLoop() throws Exception {
        loop.started();
        loop.peeked(false, null);
        loop.cycled(report(new SyncOutcome.Synced("abc", 2, 0, 3), List.of(new BlockedPath("a.env", "denylist"))),
                Duration.ofMillis(300));
        loop.cycled(report(GONE, List.of()), Duration.ofMillis(5));
        OpsEvents events = metrics;
        events.leaseRenewed();
        events.commandRan("handler", "email", true);
        HttpResponse<String> m = get("/metrics");
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(m.body()).contains("vaultsync_cycles_total{result=\"success\"} 1.0",
                "vaultsync_cycles_total{result=\"error\"} 1.0", "vaultsync_cycles_total{result=\"noop\"} 0.0",
                "vaultsync_cycle_duration_seconds_count{result=\"success\"} 1",
                "vaultsync_pushes_total{result=\"ok\"} 1.0",
                "vaultsync_pushes_total{result=\"lost_race\"} 3.0", "vaultsync_fetches_total{result=\"error\"} 1.0",
                "vaultsync_remote_polls_total{result=\"unchanged\"} 1.0", "vaultsync_remote_reachable 0.0",
                "vaultsync_paths_outside_zones 1.0", "vaultsync_leases_renewed_total 1.0",
                "vaultsync_command_runs_total{command=\"handler\",result=\"ok\",type=\"email\"} 1.0",
                "# TYPE vaultsync_last_success_timestamp_seconds gauge", "jvm_memory_used_bytes");
        assertThat(m.body()).as("the blocked gauge follows the last scan").doesNotContain("rule=\"denylist\"");
    }

    @Test
    void statusIsTheStatusJsonAndOtherPathsAndMethodsAreRefused() throws Exception {
        HttpResponse<String> s = get("/status");
        assertThat(s.statusCode()).isEqualTo(200);
        assertThat(s.body()).isEqualTo("{\"agent\" : \"cloud\"}\n");
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void aPortInUseCannotBeServed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            HttpAddress at = new HttpAddress("127.0.0.1", taken.getLocalPort());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> OpsServer.start(at, new OpsServer.Sources(health,
                    fed, STALE, clock, metrics, () -> "{}"))).isInstanceOf(java.net.BindException.class);
        }
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return Mappers.JSON.readTree(r.body());
    }
}
