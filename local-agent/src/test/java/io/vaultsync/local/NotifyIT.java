package io.vaultsync.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.SettingsStore;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.conflict.ConflictKind;
import io.vaultsync.fixtures.Await;
import io.vaultsync.fixtures.JavaProcess;
import io.vaultsync.fixtures.vaults.Vaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local agent's {@code notify} command under a real {@code run}: new drafts and cards arriving from the
 * cloud make one call with their list as JSON on stdin; a command that hangs does not hold up syncing.
 */
class NotifyIT {
    @TempDir
    Path root;

    @Test
    void newDraftsAndCardsMakeOneCallWithTheirList() throws Exception {
        Vaults v = Vaults.create(root);
        Path calls = Files.createDirectories(root.resolve("calls"));
        setNotify(v, "cat > '" + calls + "'/call-$(date +%s%N).json");
        Path record = v.local().resolve(".git/vaultsync/notified.json");
        Process p = daemon(v, root.resolve("run.out"));
        try {
            Await.until("the first pass to remember what waits (nothing)", Duration.ofSeconds(60), () -> Files.exists(record));
            Vaults.write(v.cloud(), "Pending_Approval/email/DRAFT_reply.md", "---\nsubject: \"Re: invoice 1042\"\n---\nHello.\n");
            String card = card(v);
            v.syncCloud();
            Await.until("both to be remembered as announced", Duration.ofSeconds(30),
                    () -> read(record).contains("DRAFT_reply.md") && read(record).contains(card));
            List<Path> made = files(calls);
            assertThat(made).as("one call").hasSize(1);
            JsonNode list = new ObjectMapper().readTree(Files.readString(made.get(0)));
            assertThat(list.size()).isEqualTo(2);
            assertThat(list.get(0).get("path").asText()).isEqualTo("Pending_Approval/email/DRAFT_reply.md");
            assertThat(list.get(0).get("kind").asText()).isEqualTo("draft");
            assertThat(list.get(0).get("title").asText()).isEqualTo("Re: invoice 1042");
            assertThat(list.get(1).get("path").asText()).isEqualTo(card);
            assertThat(list.get(1).get("kind").asText()).isEqualTo("card");
            assertThat(list.get(1).get("title").asText()).isEqualTo("handler-failed: In_Progress/cloud_agent/EMAIL_x.md");
        } finally {
            stop(p);
        }
        assertThat(p.exitValue()).isZero();
        assertThat(files(calls)).as("no second call").hasSize(1);
    }

    @Test
    void aHangingNotifyCommandDoesNotDelayTheNextSync() throws Exception {
        Vaults v = Vaults.create(root);
        Path started = root.resolve("notify-started");
        setNotify(v, "echo $$ > '" + started + "'; exec sleep 600");
        Path record = v.local().resolve(".git/vaultsync/notified.json");
        Process p = daemon(v, root.resolve("run.out"));
        try {
            Await.until("the first pass", Duration.ofSeconds(60), () -> Files.exists(record));
            Vaults.write(v.cloud(), "Pending_Approval/email/DRAFT_a.md", "# A\n");
            v.syncCloud();
            Await.until("the notify command to hang", Duration.ofSeconds(30), () -> !read(started).isBlank());
            Vaults.write(v.cloud(), "Updates/SIGNAL_meanwhile.md", "# meanwhile\n");
            v.syncCloud();
            long t0 = System.nanoTime();
            Await.until("the signal in the local vault while notify hangs", Duration.ofSeconds(15),
                    () -> Files.exists(v.local().resolve("Updates/SIGNAL_meanwhile.md")));
            System.out.println("NotifyIT: signal pulled " + (System.nanoTime() - t0) / 1_000_000 + " ms after its push,"
                    + " notify hanging");
        } finally {
            stop(p);
        }
        assertThat(p.exitValue()).isZero();
        long pid = Long.parseLong(read(started).strip());
        Await.until("the hanging notify command to end with the agent", Duration.ofSeconds(10),
                () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    }

    /** A failure card raised by the cloud, pushed with the next cloud sync; returns its path. */
    static String card(Vaults v) {
        Instant now = Instant.now();
        ConflictCard c = ConflictCard.failure(ConflictCard.newId(now, "abcd-handler"), ConflictKind.HANDLER_FAILED,
                "In_Progress/cloud_agent/EMAIL_x.md", "handler email", "failed 3 times", "", now, "cloud_agent");
        Vaults.write(v.cloud(), c.cardPath(), c.render());
        return c.cardPath();
    }

    static void setNotify(Vaults v, String command) {
        Path git = v.local().resolve(".git");
        AgentSettings s = SettingsStore.read(git);
        SettingsStore.write(git, s.withService(s.service().withNotifyCommand(command)));
    }

    static Process daemon(Vaults v, Path out) throws IOException {
        return new ProcessBuilder(JavaProcess.command(JavaProcess.jar("vaultsync.localJar"), "run", "--vault",
                v.local().toString(), "--interval", "200ms")).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy(); // SIGTERM
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.sorted().toList());
        }
    }

    static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
