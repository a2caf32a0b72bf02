package io.vaultsync.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vaultsync.doctor.Check.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.lib.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The clock check against a loopback HTTP server that refuses everyone, as a git host without credentials would. */
class ServerClockTest {
    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    String url;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " auth=" + ex.getRequestHeaders().get("Authorization"));
            ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"git\"");
            ex.sendResponseHeaders(401, -1);
            ex.close();
        });
        server.start();
        url = "http://vault-bot:s3cr3t@127.0.0.1:" + server.getAddress().getPort() + "/team/vault.git";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aRefusedRequestStillTellsTheServersTimeAndSendsNoCredentials() {
        Check c = check(Clock.systemUTC());

        assertThat(c.level()).as(c.toString()).isEqualTo(Level.OK);
        assertThat(c.detail()).contains("127.0.0.1:" + server.getAddress().getPort(), "per its Date header");
        assertThat(requests).containsExactly("GET /team/vault.git/info/refs?service=git-upload-pack auth=null");
        assertThat(c.toString()).doesNotContain("s3cr3t", "vault-bot");
    }

    @Test
    void aClockTenMinutesAheadFails() {
        Check c = check(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)));
        assertThat(c.level()).isEqualTo(Level.FAIL);
        assertThat(c.detail()).containsPattern("ahead of 127\\.0\\.0\\.1:\\d+ by (9m 59s|10m 0s)");
    }

    @Test
    void aClockAMinuteBehindWarns() {
        Check c = check(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-60)));
        assertThat(c.level()).isEqualTo(Level.WARN);
        assertThat(c.detail()).contains("behind 127.0.0.1:");
    }

    @Test
    void noAnswerIsAWarningThatCannotTell() {
        server.stop(0);
        Check c = check(Clock.systemUTC());
        assertThat(c.level()).isEqualTo(Level.WARN);
        assertThat(c.detail()).startsWith("cannot tell: no answer from 127.0.0.1:");
    }

    Check check(Clock clock) {
        return ServerClock.check(url, new Config(), Map.of(), Path.of("/nonexistent"), Duration.ofSeconds(5), clock);
    }
}
