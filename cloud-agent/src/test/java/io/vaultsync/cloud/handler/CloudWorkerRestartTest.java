package io.vaultsync.cloud.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.Await;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A handler call outlives the agent that started it (its own process group): an agent started again on the
 * same vault meanwhile must not call the handler again with the same key, nor clear its output folder.
 */
class CloudWorkerRestartTest extends CloudVaultFixture {

    @Test
    void aHandlerCallStillRunningIsNotStartedAgainByTheNextAgentUntilItEnds() throws Exception {
        Path release = root.resolve("release");
        Path calls = root.resolve("calls");
        Path slow = script("slow.sh", "echo $$ >> '" + calls + "'\nwhile [ ! -e '" + release + "' ]; do sleep 0.05; done\n"
                + "exec '" + SAMPLE_HANDLER + "' \"$1\" \"$2\"\n");
        handler(List.of(slow.toString()), 3);
        ingest("EMAIL_slow.md", TASK);
        Path running = cloud.resolve(".git/vaultsync/running/handlers");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> {
                worker.afterCycle(cloud);
                return null;
            });
            Await.until("the handler to run, recorded as running", Duration.ofSeconds(60),
                    () -> lines(calls).size() == 1 && !list(running).isEmpty());
            long pid = Long.parseLong(lines(calls).get(0).strip());

            StringWriter said2 = new StringWriter();
            CloudWorker next = new CloudWorker(agent, clock, cycle(), new PrintWriter(said2, true));
            Future<?> pass = pool.submit(() -> {
                next.afterCycle(cloud);
                return null;
            });
            Await.until("the next agent's pass to end (or the handler to start again)", Duration.ofSeconds(60),
                    () -> pass.isDone() || lines(calls).size() > 1);
            assertThat(lines(calls)).as("one call at a time per key").hasSize(1);
            pass.get();
            assertThat(said2.toString()).contains("In_Progress/cloud_agent/EMAIL_slow.md: still running from before the restart, pid "
                    + pid);

            Files.createFile(release);
            first.get(60, TimeUnit.SECONDS);
            assertThat(remoteFiles()).containsKey("Pending_Approval/email/DRAFT_reply_EMAIL_slow.md")
                    .doesNotContainKey("In_Progress/cloud_agent/EMAIL_slow.md");
            next.afterCycle(cloud);
            assertThat(lines(calls)).as("never called again once it succeeded").hasSize(1);
            assertThat(list(running)).as("no record of a call left").isEmpty();
        } finally {
            if (!Files.exists(release)) Files.createFile(release);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    static List<String> lines(Path f) {
        try {
            return Files.exists(f) ? Files.readAllLines(f) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.toString().endsWith(".json")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
