package io.vaultsync.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaultsync.config.Mappers;
import io.vaultsync.fixtures.Await;
import io.vaultsync.fixtures.JavaProcess;
import io.vaultsync.fixtures.vaults.Vaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} next to a real {@code run}: it says the agent runs (pid, since, last cycle, endpoint), takes the
 * agent's last scan instead of scanning while the agent's watcher has seen no change, and says "not running"
 * once it stopped, cleanly or by kill -9.
 */
class DaemonStatusIT {
    @TempDir
    Path root;

    static JsonNode json(Path jar, Path vault) throws Exception {
        JavaProcess.Result r = JavaProcess.run(jar, "status", "--vault", vault.toString(), "--json");
        assertThat(r.exitCode()).as(r.all()).isZero();
        return Mappers.JSON.readTree(r.stdout());
    }

    static Process run(Path jar, Path vault, Path log) throws Exception {
        return new ProcessBuilder(JavaProcess.command(jar, "run", "--vault", vault.toString(), "--interval", "1s"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void statusTellsTheRunningAgentAndUsesItsScanThenNotRunningAfterItStops() throws Exception {
        Path jar = JavaProcess.jar("vaultsync.localJar");
        Vaults v = Vaults.create(root);
        Vaults.write(v.local(), "Done/.env", "TOKEN=not-for-git\n"); // blocked by the gate: the scan has something to tell
        Path log = root.resolve("run.out");
        Process p = run(jar, v.local(), log);
        try {
            // its first cycle may push what it set up (Synced); the one after it finds nothing to do
            Await.until("a quiet cycle of the daemon in its file", Duration.ofSeconds(90),
                    () -> Files.exists(v.local().resolve(".git/vaultsync/daemon.json"))
                            && uncheckedRead(v.local()).contains("\"lastCycle\" : \"2")
                            && uncheckedRead(v.local()).contains("\"lastOutcome\" : \"UpToDate\""));
            JsonNode s = json(jar, v.local());
            assertThat(s.get("daemonState").asText()).isEqualTo("running");
            JsonNode d = s.get("daemon");
            assertThat(d.get("pid").asLong()).isEqualTo(p.pid());
            assertThat(d.get("since").asText()).isNotEmpty();
            assertThat(d.get("lastCycle").asText()).isNotEmpty();
            assertThat(d.get("lastOutcome").asText()).isEqualTo("UpToDate");
            assertThat(d.get("lastError").isNull()).isTrue();
            assertThat(d.has("endpoint")).isTrue();
            assertThat(d.get("endpoint").isNull()).as("no --http").isTrue();

            Await.until("status taking the daemon's scan", Duration.ofSeconds(60),
                    () -> "daemon".equals(uncheckedJson(jar, v.local()).path("scan").path("by").asText()));
            JsonNode fromDaemon = json(jar, v.local());
            assertThat(fromDaemon.get("blocked").get(0).get("path").asText()).isEqualTo("Done/.env");
            assertThat(fromDaemon.get("pending").asInt()).isZero();

            JavaProcess.Result text = JavaProcess.run(jar, "status", "--vault", v.local().toString());
            assertThat(text.stdout()).contains("daemon        running, pid " + p.pid() + " since ")
                    .contains("  last cycle  20").contains("  endpoint    none").contains("Done/.env");
        } finally {
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).isZero();
        assertThat(v.local().resolve(".git/vaultsync/daemon.json")).as("removed on a clean stop").doesNotExist();
        JsonNode after = json(jar, v.local());
        assertThat(after.get("daemonState").asText()).isEqualTo("not running");
        assertThat(after.get("daemon").isNull()).isTrue();
        assertThat(after.get("scan").get("by").asText()).isEqualTo("status");
        assertThat(after.get("blocked").get(0).get("path").asText()).isEqualTo("Done/.env");
        assertThat(JavaProcess.run(jar, "status", "--vault", v.local().toString()).stdout()).contains("daemon        not running");

        Process killed = run(jar, v.local(), root.resolve("killed.out"));
        Await.until("the second daemon's file", Duration.ofSeconds(90), () -> uncheckedRead(v.local()).contains("\"pid\" : " + killed.pid()));
        killed.destroyForcibly(); // kill -9: the file stays behind
        assertThat(killed.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(v.local().resolve(".git/vaultsync/daemon.json")).exists();
        JsonNode stale = json(jar, v.local());
        assertThat(stale.get("daemonState").asText()).isEqualTo("not running (pid " + killed.pid()
                + " is gone; the last one did not stop cleanly)");
        assertThat(stale.get("daemon").isNull()).isTrue();
    }

    static String uncheckedRead(Path vault) {
        try {
            return Files.readString(vault.resolve(".git/vaultsync/daemon.json"));
        } catch (Exception e) {
            return "";
        }
    }

    static JsonNode uncheckedJson(Path jar, Path vault) {
        try {
            return json(jar, vault);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
