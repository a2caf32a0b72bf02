package io.vaultsync.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vaultsync.config.Mappers;
import io.vaultsync.sync.LoopHealth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code run --http}: a small HTTP server (the JDK's, two daemon threads) beside the sync loop. {@code /healthz}
 * 200 while the loop is alive ({@link LoopHealth}), else 503; {@code /readyz} 200 or 503 with the reasons as
 * JSON ({@link Readiness}); {@code /status} the JSON of {@code status --json}; {@code /metrics} the Prometheus
 * text exposition of {@link AgentMetrics}. GET and HEAD only; no authentication, hence loopback by default.
 * A failing request is answered with an error and logged; it never reaches the loop.
 */
public final class OpsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
    private static final String JSON = "application/json; charset=utf-8";

    /** The JSON {@code status --json} prints, computed anew for each request. */
    @FunctionalInterface
    public interface StatusSource {
        String json() throws Exception;
    }

    /**
     * What the endpoints read.
     *
     * @param loop       what the loop told the metrics: whether the policy is readable, the last look in sync
     * @param staleAfter     {@code /readyz} turns 503 once the last successful sync is older than this
     */
    public record Sources(LoopHealth health, MetricsListener loop, Duration staleAfter, Clock clock,
            AgentMetrics metrics, StatusSource status) {
        public Sources {
            Objects.requireNonNull(health, "health");
            Objects.requireNonNull(loop, "loop");
            Objects.requireNonNull(staleAfter, "staleAfter");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(status, "status");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final Sources src;

    private OpsServer(HttpServer server, ExecutorService threads, Sources src) {
        this.server = server;
        this.threads = threads;
        this.src = src;
    }

    /**
     * Binds {@code at} and starts serving.
     *
     * @throws IOException the address cannot be bound (in use, not this machine's, not permitted)
     */
    public static OpsServer start(HttpAddress at, Sources src) throws IOException {
        HttpServer server = HttpServer.create(at.resolve(), 8);
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "vaultsync-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        OpsServer ops = new OpsServer(server, threads, src);
        server.createContext("/", ops::handle);
        server.start();
        return ops;
    }

    /** Where it listens (the port the system chose when asked for port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@link #address} as {@code host:port}. */
    public String url() {
        InetSocketAddress a = address();
        return "http://" + new HttpAddress(a.getAddress().getHostAddress(), a.getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(ex, 405, JSON, json(Map.of("error", "only GET and HEAD")));
                return;
            }
            switch (ex.getRequestURI().getPath()) {
                case "/healthz" -> healthz(ex);
                case "/readyz" -> readyz(ex);
                case "/status" -> reply(ex, 200, JSON, (src.status().json() + "\n").getBytes(StandardCharsets.UTF_8));
                case "/metrics" -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
                    src.metrics().write(out);
                    reply(ex, 200, src.metrics().contentType(), out.toByteArray());
                }
                default -> reply(ex, 404, JSON, json(Map.of("error", "not found; try /healthz /readyz /status /metrics")));
            }
        } catch (Exception e) {
            // a request that fails is answered and logged; the server and the loop go on
            LOG.warn("http {}: {}", ex.getRequestURI().getPath(), e.toString());
            try {
                reply(ex, 500, JSON, json(Map.of("error", String.valueOf(e.getMessage()))));
            } catch (IOException | RuntimeException again) {
                LOG.debug("http: could not answer with the error: {}", again.toString());
            }
        }
    }

    private void healthz(HttpExchange ex) throws IOException {
        LoopHealth.Snapshot s = src.health().snapshot();
        boolean alive = src.health().alive();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alive", alive);
        body.put("busy", s.busy());
        body.put("startedAt", s.startedAt() == null ? null : s.startedAt().toString());
        body.put("lastCycle", s.lastCycle() == null ? null : s.lastCycle().toString());
        reply(ex, alive ? 200 : 503, JSON, json(body));
    }

    private void readyz(HttpExchange ex) throws IOException {
        Readiness.Verdict v = Readiness.decide(src.health().snapshot(), src.loop().confirmed(), src.clock().instant(),
                src.staleAfter(), src.loop().policyReadable());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", v.ready());
        body.put("reasons", v.reasons().stream().map(Readiness.Reason::code).toList());
        body.put("lastSuccess", v.lastSuccess() == null ? null : v.lastSuccess().toString());
        body.put("ageSeconds", v.age() == null ? null : v.age().toMillis() / 1000.0);
        body.put("staleAfterSeconds", src.staleAfter().toMillis() / 1000.0);
        reply(ex, v.ready() ? 200 : 503, JSON, json(body));
    }

    private static byte[] json(Object body) throws IOException {
        return (Mappers.JSON.writeValueAsString(body) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange ex, int code, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(code, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops serving (requests in flight get a moment to finish). */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
