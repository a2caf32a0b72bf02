package io.vaultsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.sync.LoopHealth;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The notifier against real AF_UNIX datagram sockets (a path and an abstract name), as systemd listens. */
class SystemdNotifierTest {
    static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    /** A listening socket like systemd's; {@link #next} waits for one datagram, up to a deadline. */
    static final class Listener implements AutoCloseable {
        final AFUNIXDatagramSocket socket;

        Listener(AFUNIXSocketAddress at) throws IOException {
            socket = AFUNIXDatagramSocket.newInstance();
            socket.bind(at);
        }

        String next(Duration timeout) throws IOException {
            socket.setSoTimeout((int) timeout.toMillis());
            java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[4096], 4096);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void readyAfterTheFirstCycleThenStatusAndStoppingOnceOnAPathSocket() throws Exception {
        Path sock = dir.resolve("notify.sock");
        AtomicLong nanos = new AtomicLong(1000 * S);
        LoopHealth health = new LoopHealth(Clock.systemUTC(), nanos::get, Duration.ofSeconds(10));
        try (Listener l = new Listener(AFUNIXSocketAddress.of(sock));
                SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", sock.toString()), health)) {
            assertThat(n.active()).isTrue();
            health.started();
            n.started();
            assertThat(l.next(Duration.ofSeconds(5))).isEqualTo("STATUS=first cycle");
            Exception boom = new IOException("disk full\nsecond line");
            health.cycleFailed(boom, Duration.ZERO);
            n.cycleFailed(boom, Duration.ZERO);
            assertThat(l.next(Duration.ofSeconds(5))).startsWith("STATUS=running; last cycle ").contains("failed (1 in a row): disk full second line");
            assertThat(l.next(Duration.ofSeconds(5))).isEqualTo("READY=1");
            n.cycleFailed(boom, Duration.ZERO);
            assertThat(l.next(Duration.ofSeconds(5))).as("READY=1 only once").startsWith("STATUS=");
            n.stopping();
            n.stopping();
            assertThat(l.next(Duration.ofSeconds(5))).isEqualTo("STOPPING=1");
            assertThat(l.next(Duration.ofSeconds(5))).isEqualTo("STATUS=stopping");
            n.close();
            assertThat(l.next(Duration.ofMillis(300))).as("STOPPING=1 only once, close included").isNull();
        }
    }

    @Test
    void theWatchdogIsFedWhileTheLoopIsAliveAndNotWhileItHangs() throws Exception {
        String name = "vaultsync-test-" + UUID.randomUUID();
        AtomicLong nanos = new AtomicLong(1000 * S);
        LoopHealth health = new LoopHealth(Clock.systemUTC(), nanos::get, Duration.ofSeconds(10));
        try (Listener l = new Listener(AFUNIXSocketAddress.inAbstractNamespace(name));
                SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "@" + name, "WATCHDOG_USEC", "100000",
                        "WATCHDOG_PID", Long.toString(ProcessHandle.current().pid())), health)) {
            health.started();
            n.started();
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 4; i++) got.add(l.next(Duration.ofSeconds(5)));
            assertThat(got).contains("STATUS=first cycle").filteredOn("WATCHDOG=1"::equals).hasSizeGreaterThanOrEqualTo(3);
            health.busy();
            nanos.addAndGet(11 * S); // the step overstays hang_after
            String hung;
            do {
                hung = l.next(Duration.ofSeconds(5));
            } while ("WATCHDOG=1".equals(hung));
            assertThat(hung).startsWith("STATUS=hung");
            assertThat(l.next(Duration.ofMillis(500))).as("no WATCHDOG=1 for five periods while hung").isNull();
            health.waiting(Duration.ofSeconds(1));
            assertThat(l.next(Duration.ofSeconds(5))).as("fed again once the loop moves on").isEqualTo("WATCHDOG=1");
        }
    }

    @Test
    void withoutNotifySocketOrForAnotherPidNothingIsSent() throws Exception {
        LoopHealth health = new LoopHealth(Duration.ofSeconds(10));
        try (SystemdNotifier none = SystemdNotifier.fromEnvironment(Map.of(), health)) {
            assertThat(none.active()).isFalse();
            none.started();
            none.stopping();
        }
        Path sock = dir.resolve("n.sock");
        try (Listener l = new Listener(AFUNIXSocketAddress.of(sock));
                SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", sock.toString(),
                        "WATCHDOG_USEC", "100000", "WATCHDOG_PID", "1"), health)) {
            n.started();
            assertThat(l.next(Duration.ofSeconds(5))).isEqualTo("STATUS=first cycle");
            assertThat(l.next(Duration.ofMillis(400))).as("the watchdog watches pid 1, not this process").isNull();
        }
    }

    @Test
    void aSocketNobodyListensOnIsNotAnError() throws Exception {
        try (NotifySocket s = NotifySocket.open(dir.resolve("gone.sock").toString())) {
            assertThat(s.send("READY=1")).isFalse();
            assertThat(s.send("READY=1")).isFalse();
        }
    }
}
