package io.vaultsync.local.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaultsync.config.Actions;
import io.vaultsync.config.ActionsStore;
import io.vaultsync.config.Mappers;
import io.vaultsync.conflict.ConflictKind;
import io.vaultsync.fixtures.Await;
import io.vaultsync.fixtures.JavaProcess;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.vaults.Vaults;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --http} of both jars, scraped while they work (issue 15, must-shows 1 and 2): the counters and
 * gauges move as files sync, a handler runs and a card is raised; the remote moved away counts errors, leaves
 * the last-success time and turns {@code /readyz} 503 (stale) after {@code stale_after} while {@code /healthz}
 * stays 200, and {@code /readyz} is 200 again once it is back; {@code /status} is {@code status --json}; the
 * exposition passes {@code promtool check metrics}.
 */
class OpsEndpointIT {
    static final Path SAMPLE_HANDLER = Path.of("..", "scripts", "sample-handler.sh").toAbsolutePath().normalize();
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path root;

    final List<Process> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : running) {
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Starts {@code run} with its endpoint on a port the system picks; returns the endpoint's base URL. */
    String run(String jarProperty, Path vault, String... more) {
        Path out = root.resolve(vault.getFileName() + "-run.out");
        List<String> args = new ArrayList<>(List.of("run", "--vault", vault.toString(), "--interval", "300ms", "--debounce",
                "200ms", "--http", "127.0.0.1:0"));
        args.addAll(List.of(more));
        try {
            running.add(new ProcessBuilder(JavaProcess.command(JavaProcess.jar(jarProperty), args.toArray(String[]::new)))
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        Await.until("the endpoint of " + vault.getFileName(), WAIT, () -> Scrape.url(out) != null);
        return Scrape.url(out);
    }

    @Test
    void bothRolesCountersAndGaugesMoveAsTheyWork() throws Exception {
        Vaults v = Vaults.create(root);
        ActionsStore.write(v.cloud().resolve(".git"), Actions.NONE.withHandler("email", List.of(SAMPLE_HANDLER.toString()))
                .withHandler("broken", List.of("false")).withRetries(1, Duration.ofSeconds(1)));
        String cloud = run("vaultsync.cloudJar", v.cloud());
        String local = run("vaultsync.localJar", v.local());
        Await.until("a first cycle on both sides", WAIT, () -> Scrape.metric(cloud, "vaultsync_cycles_total{result=\"success\"}")
                + Scrape.metric(cloud, "vaultsync_cycles_total{result=\"noop\"}") >= 1
                && Scrape.metric(local, "vaultsync_cycles_total{result=\"success\"}")
                        + Scrape.metric(local, "vaultsync_cycles_total{result=\"noop\"}") >= 1);
        double committedBefore = Scrape.metric(cloud, "vaultsync_files_committed_total");

        Vaults.write(v.cloud(), "Needs_Action/EMAIL_hello.md", "---\nfrom: a@example.com\nsubject: hello\n---\nHi.\n");
        Vaults.write(v.cloud(), "Needs_Action/BROKEN_job.md", "---\ntype: broken\n---\nThis handler fails.\n");
        Vaults.write(v.cloud(), "In_Progress/cloud_agent/HAND_moved.md", "moved here by hand: the keeper gives it a lease\n");
        Vaults.write(v.local(), "Done/finished.md", "done\n");

        String handlerFailed = "vaultsync_open_cards{kind=\"" + ConflictKind.HANDLER_FAILED.yamlName() + "\"}";
        // the email task's claim goes once its draft is committed, which may come a cycle after its handler ran
        Await.until("the handlers run, a card raised, a lease given, the email task finished", WAIT, () -> {
            String m = Scrape.get(cloud, "/metrics").body();
            return Scrape.value(m, "vaultsync_command_runs_total{command=\"handler\",result=\"ok\",type=\"email\"}") >= 1
                    && Scrape.value(m, "vaultsync_command_runs_total{command=\"handler\",result=\"failed\",type=\"broken\"}") >= 1
                    && Scrape.value(m, handlerFailed) >= 1 && Scrape.value(m, "vaultsync_leases_renewed_total") >= 1
                    && !Files.exists(v.cloud().resolve("In_Progress/cloud_agent/EMAIL_hello.md"))
                    && Scrape.value(m, "vaultsync_claims_held") == 2;
        });
        String m = Scrape.get(cloud, "/metrics").body();
        assertThat(Scrape.value(m, "vaultsync_files_committed_total")).isGreaterThan(committedBefore);
        assertThat(Scrape.value(m, "vaultsync_pushes_total{result=\"ok\"}")).isGreaterThanOrEqualTo(1);
        assertThat(Scrape.value(m, "vaultsync_claims_held")).as("the broken task and the one moved by hand").isEqualTo(2);
        assertThat(Scrape.value(m, "vaultsync_journal_records")).isGreaterThan(0);
        assertThat(Scrape.value(m, "vaultsync_remote_reachable")).isEqualTo(1);
        assertThat(Scrape.value(m, "vaultsync_last_success_timestamp_seconds")).isGreaterThan(1.7e9);
        assertThat(Scrape.value(m, "vaultsync_cycle_duration_seconds_count{result=\"success\"}")).isGreaterThanOrEqualTo(1);
        assertThat(m).contains("jvm_memory_used_bytes{area=\"heap\"}", "process_cpu_seconds_total");

        Await.until("the draft and the local file travel", WAIT, () -> Files.exists(v.local().resolve(
                "Done/finished.md")) && RemoteTree.files(v.remote(), "main").containsKey("Done/finished.md")
                && Scrape.metric(local, "vaultsync_remote_polls_total{result=\"unchanged\"}") >= 1);
        String lm = Scrape.get(local, "/metrics").body();
        assertThat(Scrape.value(lm, "vaultsync_files_committed_total")).isGreaterThanOrEqualTo(1);
        assertThat(Scrape.value(lm, "vaultsync_cycles_total{result=\"success\"}")).isGreaterThanOrEqualTo(1);
        assertThat(Scrape.value(lm, "vaultsync_journal_records")).isGreaterThan(0);

        Promtool.check(m);
        Promtool.check(lm);
    }

    @Test
    void readyzFollowsTheRemoteHealthzStaysUpAndStatusIsStatusJson() throws Exception {
        Vaults v = Vaults.create(root);
        String cloud = run("vaultsync.cloudJar", v.cloud(), "--stale-after", "3s");
        Await.until("ready", WAIT, () -> Scrape.get(cloud, "/readyz").statusCode() == 200);
        assertThat(Scrape.get(cloud, "/healthz").statusCode()).isEqualTo(200);

        Await.until("/status equal to status --json while idle", WAIT, () -> statusEqual(cloud, v.cloud()));

        String before = Scrape.get(cloud, "/metrics").body();
        double errors = Scrape.value(before, "vaultsync_cycles_total{result=\"error\"}");
        Path away = root.resolve("away.git");
        Files.move(v.remote(), away);
        try {
            Await.until("an error counted", WAIT, () -> Scrape.metric(cloud, "vaultsync_cycles_total{result=\"error\"}") > errors);
            double lastSuccess = Scrape.metric(cloud, "vaultsync_last_success_timestamp_seconds");
            long gone = System.nanoTime();
            Await.until("/readyz 503 once stale", WAIT, () -> {
                assertThat(Scrape.get(cloud, "/healthz").statusCode()).as("/healthz while the remote is gone").isEqualTo(200);
                return Scrape.get(cloud, "/readyz").statusCode() == 503;
            });
            HttpResponse<String> notReady = Scrape.get(cloud, "/readyz");
            JsonNode why = Mappers.JSON.readTree(notReady.body());
            assertThat(why.get("ready").asBoolean()).isFalse();
            assertThat(why.get("reasons").toString()).isEqualTo("[\"stale\"]");
            assertThat(why.get("ageSeconds").asDouble()).isGreaterThan(3.0);
            System.out.println("OpsEndpointIT: /readyz 503 " + (System.nanoTime() - gone) / 1_000_000 + " ms after the first error");
            String m = Scrape.get(cloud, "/metrics").body();
            assertThat(Scrape.value(m, "vaultsync_last_success_timestamp_seconds")).as("last success left").isEqualTo(lastSuccess);
            assertThat(Scrape.value(m, "vaultsync_remote_reachable")).isZero();
            assertThat(Scrape.value(m, "vaultsync_cycles_total{result=\"error\"}")).isGreaterThan(errors);
            assertThat(Scrape.get(cloud, "/healthz").statusCode()).isEqualTo(200);
        } finally {
            Files.move(away, v.remote());
        }
        Await.until("/readyz 200 once the remote is back", WAIT, () -> Scrape.get(cloud, "/readyz").statusCode() == 200);
        assertThat(Scrape.get(cloud, "/healthz").statusCode()).isEqualTo(200);
        Promtool.check(Scrape.get(cloud, "/metrics").body());
    }

    /**
     * Whether {@code /status} and {@code status --json} (the CLI, a separate process) say the same, but for the
     * times and the one-ls-remote answer that change between the two calls.
     */
    static boolean statusEqual(String base, Path vault) {
        try {
            JsonNode served = Mappers.JSON.readTree(Scrape.get(base, "/status").body());
            JavaProcess.Result cli = JavaProcess.run(JavaProcess.jar("vaultsync.cloudJar"), "status", "--json", "--vault",
                    vault.toString());
            assertThat(cli.exitCode()).as(cli.all()).isZero();
            JsonNode printed = Mappers.JSON.readTree(cli.stdout());
            assertThat(served.fieldNames()).toIterable().containsExactlyElementsOf(() -> printed.fieldNames());
            for (JsonNode n : List.of(served, printed)) ((ObjectNode) n).remove(List.of("lastSync", "lastAttempt"));
            return served.equals(printed);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
