package io.vaultsync.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultsync.fixtures.Await;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.JavaProcess;
import io.vaultsync.fixtures.RemoteTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two executable jars as separate processes on a bare remote, as a user runs them. */
class TwoJarsIT {
    @TempDir
    Path root;

    Path cloudJar;
    Path localJar;
    Path remote;
    Path cloud;
    Path local;

    @BeforeEach
    void setUp() {
        cloudJar = JavaProcess.jar("vaultsync.cloudJar");
        localJar = JavaProcess.jar("vaultsync.localJar");
        remote = CGit.initBare(root.resolve("remote.git"));
        cloud = root.resolve("cloud");
        local = root.resolve("local");
        ok(cloudJar, "init", "--vault", cloud.toString(), "--remote", remote.toString(), "--machine", "vm");
        ok(localJar, "init", "--vault", local.toString(), "--remote", remote.toString(), "--machine", "desktop");
    }

    @Test
    void signalWrittenOnTheCloudSideReachesTheLocalVault() throws Exception {
        write(cloud, "Updates/SIGNAL_new_draft.md", "# New draft waiting\n");
        assertThat(ok(cloudJar, "sync", "--vault", cloud.toString()).stdout()).contains("cloud_agent: synced");
        ok(localJar, "sync", "--vault", local.toString());
        assertThat(Files.readString(local.resolve("Updates/SIGNAL_new_draft.md"))).isEqualTo("# New draft waiting\n");
    }

    @Test
    void approvalWrittenOnTheLocalSideReachesTheCloudVault() throws Exception {
        write(local, "Approved/EMAIL_reply.md", "approved by the human\n");
        ok(localJar, "sync", "--vault", local.toString());
        ok(cloudJar, "sync", "--vault", cloud.toString());
        assertThat(Files.readString(cloud.resolve("Approved/EMAIL_reply.md"))).isEqualTo("approved by the human\n");
    }

    @Test
    void statusJsonListsOutsideZoneAndBlockedPaths() throws Exception {
        write(cloud, "Approved/x.md", "forged\n");
        write(cloud, "Plans/.env", "TOKEN=abc\n");
        ok(cloudJar, "sync", "--vault", cloud.toString());
        JsonNode st = new ObjectMapper().readTree(ok(cloudJar, "status", "--vault", cloud.toString(), "--json").stdout());
        assertThat(st.get("agent").asText()).isEqualTo("cloud_agent");
        assertThat(st.get("lastSync").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(st.get("ahead").asInt()).isZero();
        assertThat(st.get("behind").asInt()).isZero();
        assertThat(st.get("outsideZone").toString()).contains("Approved/x.md");
        assertThat(st.get("blocked").get(0).get("path").asText()).isEqualTo("Plans/.env");
        assertThat(st.get("blocked").get(0).get("rule").asText()).startsWith("deny:");
        assertThat(st.get("conflicts").isArray()).isTrue();
        assertThat(st.toString()).doesNotContain("TOKEN=abc");
        String plain = ok(cloudJar, "status", "--vault", cloud.toString()).stdout();
        assertThat(plain).contains("outside zone  1").contains("Approved/x.md").contains("blocked       1");
    }

    @Test
    void runLoopSyncsUntilSigtermThenExitsZeroRefusesASecondDaemonAndLetsCommandsTakeTurns() throws Exception {
        Path out = root.resolve("run.out");
        Process p = new ProcessBuilder(JavaProcess.command(cloudJar, "run", "--vault", cloud.toString(), "--interval", "200ms"))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            Await.until("the agent to start", Duration.ofSeconds(60), () -> read(out).contains("running on"));
            JavaProcess.Result second = JavaProcess.run(cloudJar, "run", "--vault", cloud.toString());
            assertThat(second.exitCode()).isEqualTo(5);
            assertThat(second.stderr()).contains("another agent is running on this vault").doesNotContain("\tat ");
            // a command run by hand next to the daemon waits for the cycle in flight, then takes its turn
            JavaProcess.Result oneShot = JavaProcess.run(cloudJar, "sync", "--vault", cloud.toString());
            assertThat(oneShot.exitCode()).as(oneShot.all()).isZero();
            write(cloud, "Needs_Action/by-hand.md", "# a task\n");
            JavaProcess.Result claim = JavaProcess.run(cloudJar, "claim", "by-hand.md", "--vault", cloud.toString());
            assertThat(claim.exitCode()).as(claim.all()).isZero();
            assertThat(RemoteTree.files(remote, "main")).containsKey("In_Progress/cloud_agent/by-hand.md")
                    .doesNotContainKey("Needs_Action/by-hand.md");

            write(cloud, "Plans/from-the-loop.md", "loop\n");
            Await.until("the loop to push", Duration.ofSeconds(60),
                    () -> RemoteTree.files(remote, "main").containsKey("Plans/from-the-loop.md"));
        } finally {
            p.destroy(); // SIGTERM
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(read(out)).contains("stopped after");
    }

    @Test
    void badInputGivesOneLineAndADistinctExitCode() throws Exception {
        CGit.run(cloud, "checkout", "-q", "--detach");
        JavaProcess.Result detached = JavaProcess.run(cloudJar, "sync", "--vault", cloud.toString());
        assertThat(detached.exitCode()).isEqualTo(6);
        assertThat(detached.stderr().strip()).contains("detached").doesNotContain("\n").doesNotContain("Exception");

        JavaProcess.Result notAClone = JavaProcess.run(cloudJar, "sync", "--vault", root.toString());
        assertThat(notAClone.exitCode()).isEqualTo(6);
        assertThat(notAClone.stderr()).contains("not a vault clone");

        JavaProcess.Result missing = JavaProcess.run(cloudJar, "init", "--vault", root.resolve("x").toString(),
                "--remote", root.resolve("missing.git").toString());
        assertThat(missing.exitCode()).as(missing.all()).isEqualTo(21); // no repository there
        assertThat(missing.stderr()).contains("no repository at").contains("missing.git");
        assertThat(root.resolve("x")).doesNotExist();

        JavaProcess.Result usage = JavaProcess.run(cloudJar, "sync");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.stderr()).contains("--vault");

        JavaProcess.Result badInterval = JavaProcess.run(cloudJar, "run", "--vault", cloud.toString(), "--interval", "soon");
        assertThat(badInterval.exitCode()).isEqualTo(2);
        assertThat(badInterval.stderr()).contains("not a duration: 'soon'");
    }

    private static JavaProcess.Result ok(Path jar, String... args) {
        JavaProcess.Result r = JavaProcess.run(jar, args);
        assertThat(r.exitCode()).as("%s %s: %s", jar.getFileName(), String.join(" ", args), r.all()).isZero();
        return r;
    }

    private static void write(Path vault, String path, String content) throws Exception {
        Files.createDirectories(vault.resolve(path).getParent());
        Files.writeString(vault.resolve(path), content, StandardCharsets.UTF_8);
    }

    private static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (Exception e) {
            return "";
        }
    }
}
