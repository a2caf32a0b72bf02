package io.vaultsync.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.Await;
import io.vaultsync.fixtures.JavaProcess;
import io.vaultsync.fixtures.NotifyListener;
import io.vaultsync.fixtures.vaults.Vaults;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code run} against a datagram {@code NOTIFY_SOCKET} opened by the test, as systemd would: {@code READY=1}
 * after the first cycle, {@code WATCHDOG=1} every half {@code WATCHDOG_USEC}, none while a cycle is stuck (it waits on
 * the vault lock, which the test holds, longer than {@code hang_after}), fed again once it moves on, and
 * {@code STOPPING=1} on SIGTERM.
 */
class SystemdNotifyIT {
    static final String WATCHDOG = "WATCHDOG=1";

    @TempDir
    Path root;

    @Test
    void readyThenAFedWatchdogThatStopsWhileTheLoopIsStuckAndStoppingOnSigterm() throws Exception {
        Path jar = JavaProcess.jar("vaultsync.localJar");
        Vaults v = Vaults.create(root);
        Files.writeString(v.local().resolve(".git/vaultsync/agent.yaml"), "hang_after: \"2s\"\n", StandardOpenOption.APPEND);
        Path log = root.resolve("run.out");
        try (NotifyListener systemd = new NotifyListener(root.resolve("notify.sock"))) {
            ProcessBuilder pb = new ProcessBuilder(JavaProcess.command(jar, "run", "--vault", v.local().toString(), "--no-watch",
                    "--interval", "300ms")).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("NOTIFY_SOCKET", systemd.address());
            pb.environment().put("WATCHDOG_USEC", "400000"); // fed every 200 ms
            Process p = pb.start();
            try {
                Await.until("READY=1", Duration.ofSeconds(90), () -> texts(systemd).contains("READY=1"));
                int readyAt = texts(systemd).indexOf("READY=1");
                assertThat(texts(systemd).subList(0, readyAt)).as("a status before ready")
                        .anyMatch(m -> m.startsWith("STATUS=first cycle"));
                int fed = count(systemd, WATCHDOG);
                Await.until("five more WATCHDOG=1", Duration.ofSeconds(10), () -> count(systemd, WATCHDOG) >= fed + 5);

                Path lockFile = v.local().resolve(".git/vaultsync/agent.lock");
                long released;
                try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE); FileLock held = ch.lock()) {
                    // the next cycle waits for the lock (up to a minute): past hang_after the loop counts as hung
                    Await.until("3 s without WATCHDOG=1 while the cycle waits on the lock", Duration.ofSeconds(30),
                            () -> System.nanoTime() - lastNanos(systemd, WATCHDOG) > 3_000_000_000L);
                    assertThat(texts(systemd)).as("systemctl status tells why")
                            .anyMatch(m -> m.startsWith("STATUS=hung: a step or a wait overstayed hang_after"));
                    assertThat(p.isAlive()).isTrue();
                    released = System.nanoTime();
                }
                Await.until("WATCHDOG=1 again once the cycle has the lock", Duration.ofSeconds(30),
                        () -> lastNanos(systemd, WATCHDOG) > released);
                assertThat(texts(systemd)).as("READY=1 once").filteredOn("READY=1"::equals).hasSize(1);

                p.destroy(); // SIGTERM
                Await.until("STOPPING=1", Duration.ofSeconds(60), () -> texts(systemd).contains("STOPPING=1"));
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(Files.readString(log)).isZero();
                assertThat(texts(systemd)).filteredOn("STOPPING=1"::equals).hasSize(1);
            } finally {
                p.destroyForcibly();
            }
        }
    }

    static List<String> texts(NotifyListener l) {
        return l.all().stream().map(NotifyListener.Message::text).toList();
    }

    static int count(NotifyListener l, String text) {
        return (int) l.all().stream().filter(m -> m.text().equals(text)).count();
    }

    static long lastNanos(NotifyListener l, String text) {
        return l.all().stream().filter(m -> m.text().equals(text)).mapToLong(NotifyListener.Message::nanos).max()
                .orElse(Long.MIN_VALUE / 2);
    }
}
