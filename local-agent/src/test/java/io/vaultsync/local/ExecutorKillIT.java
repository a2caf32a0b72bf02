package io.vaultsync.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.config.Actions;
import io.vaultsync.config.ActionsStore;
import io.vaultsync.fixtures.Await;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.CliRun;
import io.vaultsync.fixtures.JavaProcess;
import io.vaultsync.fixtures.RemoteTree;
import io.vaultsync.fixtures.vaults.Vaults;
import io.vaultsync.work.WorkLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly one send per approval while the local agent ({@code run}, a real process) is killed with
 * SIGKILL again and again while its executor is sending: the sample executor honours the idempotency key,
 * the agent calls it again with the same key after each restart.
 */
class ExecutorKillIT {
    static final Path SAMPLE_EXECUTOR = Path.of("..", "scripts", "sample-executor.sh").toAbsolutePath().normalize();

    @TempDir
    Path root;

    @Test
    void eachApprovedItemIsSentExactlyOnceThoughTheAgentIsKilledMidSend() throws Exception {
        int kills = Integer.getInteger("vaultsync.executor.kills", 8);
        long seed = Long.getLong("vaultsync.executor.seed", System.nanoTime());
        System.out.println("ExecutorKillIT: " + kills + " kills, seed " + seed + " (rerun with -Dvaultsync.executor.seed=" + seed + ")");
        Random random = new Random(seed);
        Path jar = JavaProcess.jar("vaultsync.localJar");
        Vaults v = Vaults.create(root);
        Path outbox = root.resolve("outbox");
        ActionsStore.write(v.local().resolve(".git"), Actions.NONE.withExecutor("email",
                List.of(SAMPLE_EXECUTOR.toString(), "--outbox", outbox.toString())));
        // two executors run at once (the workers setting): twice as many items as kills, so that the run does
        // not finish its items before it has been killed mid-send that often
        int items = Math.max(3, 2 * kills);
        for (int i = 0; i < items; i++) {
            Vaults.write(v.cloud(), "Pending_Approval/email/DRAFT_" + i + ".md",
                    "---\ntype: email\nto: client" + i + "@example.com\nsubject: \"Re: " + i + "\"\n---\nReply " + i + ".\n");
        }
        v.syncCloud();
        v.syncLocal();
        for (int i = 0; i < items; i++) {
            CliRun r = LocalCli.run("approve", "Pending_Approval/email/DRAFT_" + i + ".md", "--vault", v.local().toString());
            assertThat(r.code()).as(r.err()).isZero();
        }

        int midSend = 0;
        int rounds = 0;
        while (midSend < kills && !allDone(v, items)) {
            rounds++;
            int started = started(v);
            int seen = ledger(v).size();
            Process p = daemon(jar, v, root.resolve("run-" + rounds + ".out"));
            try {
                Await.until("an executor to start", Duration.ofSeconds(60), () -> started(v) > started || allDone(v, items));
                Thread.sleep(random.nextInt(400)); // the sample executor takes 600 ms: mostly mid-send
                if (sending(v, seen)) midSend++;
            } finally {
                p.destroyForcibly(); // SIGKILL
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
        System.out.println("ExecutorKillIT: " + rounds + " kills, " + midSend + " of them while an executor was sending");
        assertThat(midSend).as("kills while an executor was running").isGreaterThanOrEqualTo(Math.min(kills, items));

        Process last = daemon(jar, v, root.resolve("run-final.out"));
        try {
            Await.until("every item to reach Done/ on the remote", Duration.ofSeconds(120), () -> allDone(v, items));
        } finally {
            last.destroy(); // SIGTERM: a clean stop
            assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(last.exitValue()).isZero();
        Await.until("orphaned executors to finish", Duration.ofSeconds(30), () -> pending(outbox).isEmpty());

        List<Path> sent = sent(outbox);
        assertThat(sent).as("one message per approval").hasSize(items);
        for (int i = 0; i < items; i++) {
            String to = "To: client" + i + "@example.com\n";
            assertThat(sent.stream().filter(f -> read(f).startsWith(to))).as(to).hasSize(1);
        }
        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        for (int i = 0; i < items; i++) {
            assertThat(remote.get("Done/DRAFT_" + i + ".md")).contains("## Outcome", "- result: done (exit 0)");
        }
        assertThat(remote.keySet()).filteredOn(k -> k.startsWith("Approved/")).containsExactly("Approved/.gitkeep");
        assertThat(remote.keySet()).filteredOn(k -> k.startsWith("Done/DRAFT_")).hasSize(items);
        CGit.assertFsckStrict(v.remote());
        CGit.assertFsckStrict(v.local());
        try (Stream<Path> s = Files.walk(v.local().resolve(".git"))) {
            assertThat(s.filter(f -> f.toString().endsWith(".lock") && !f.endsWith("agent.lock") && !f.endsWith("daemon.lock")))
                    .as("lock files left").isEmpty();
        }
    }

    static Process daemon(Path jar, Vaults v, Path out) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(JavaProcess.command(jar, "run", "--vault", v.local().toString(), "--interval", "200ms"))
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("SAMPLE_EXECUTOR_DELAY", "0.6");
        return pb.start();
    }

    static boolean allDone(Vaults v, int items) {
        Map<String, String> remote = RemoteTree.files(v.remote(), "main");
        for (int i = 0; i < items; i++) if (!remote.containsKey("Done/DRAFT_" + i + ".md")) return false;
        return true;
    }

    static int started(Vaults v) {
        return (int) ledger(v).stream().filter(e -> e.event() == WorkLedger.Event.STARTED).count();
    }

    /** Whether an executor this run started is still running: its item's last entry since {@code from} is "started". */
    static boolean sending(Vaults v, int from) {
        List<WorkLedger.Entry> l = ledger(v);
        Map<String, WorkLedger.Event> last = new java.util.HashMap<>();
        for (WorkLedger.Entry e : l.subList(Math.min(from, l.size()), l.size())) last.put(e.key(), e.event());
        return last.containsValue(WorkLedger.Event.STARTED);
    }

    static List<WorkLedger.Entry> ledger(Vaults v) {
        try {
            return new WorkLedger(v.local().resolve(".git"), WorkLedger.EXECUTIONS).read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> sent(Path outbox) throws IOException {
        try (Stream<Path> s = Files.list(outbox)) {
            return s.filter(f -> f.toString().endsWith(".eml")).toList();
        }
    }

    static List<Path> pending(Path outbox) {
        try (Stream<Path> s = Files.list(outbox.resolve(".pending"))) {
            return new ArrayList<>(s.toList());
        } catch (IOException e) {
            return List.of();
        }
    }

    static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
