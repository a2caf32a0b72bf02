package io.vaultsync.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The terminal line: nothing for short work, redrawn in place at most four times a second, cleared at the end. */
class TerminalProgressTest {
    private static final long MS = 1_000_000L;
    private final StringWriter sink = new StringWriter();
    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final TerminalProgress progress = new TerminalProgress(ProgressErr.of(new PrintWriter(sink), Map.of(), false), Duration.ofSeconds(2), now::get);

    @Test
    void shortWorkPrintsNothing() {
        progress.begin("checking files", 3, -1);
        for (int i = 0; i < 3; i++) {
            now.addAndGet(500 * MS);
            progress.advance(1, 100);
        }
        progress.end();
        assertThat(sink.toString()).isEmpty();
    }

    @Test
    void longWorkIsOneLineRedrawnInPlaceThenCleared() {
        progress.begin("checking files", 100, -1);
        for (int i = 0; i < 100; i++) {
            now.addAndGet(50 * MS); // 20 files a second for 5 s: drawn from 2 s on, every 250 ms
            progress.advance(1, 1024);
        }
        String shown = sink.toString();
        assertThat(shown).doesNotContain("\n").startsWith("\rchecking files: 40/100, 40.0 KB, 20.0 KB/s, about 0:03 left");
        assertThat(shown.split("\r", -1)).hasSize(13 + 1); // 2.0 s to 5.0 s, every 250 ms
        assertThat(lastLine(shown)).isEqualTo("checking files: 100/100, 100.0 KB, 20.0 KB/s");
        progress.end();
        int width = "checking files: 100/100, 100.0 KB, 20.0 KB/s".length();
        assertThat(sink.toString()).endsWith("\r" + " ".repeat(width) + "\r");
    }

    @Test
    void aShorterLineBlanksWhatTheLongerOneLeft() {
        progress.begin("scanning files", -1, -1);
        now.addAndGet(2_000 * MS);
        progress.advance(123_456, 0);
        sink.getBuffer().setLength(0);
        progress.beginCount("Resolving deltas", "deltas", -1);
        assertThat(sink.toString()).matches("\r +\r"); // the old phase's line is cleared when the next begins
        now.addAndGet(3_000 * MS);
        sink.getBuffer().setLength(0);
        progress.advance(1, 0);
        assertThat(sink.toString()).isEqualTo("\rResolving deltas: 1, 0 deltas/s");
    }

    @Test
    void advancesFromSeveralThreadsAreAllCounted() throws InterruptedException {
        TerminalProgress p = new TerminalProgress(ProgressErr.of(new PrintWriter(sink), Map.of(), false), Duration.ZERO, now::get);
        p.begin("checking files", 40_000, -1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) p.advance(1, 10);
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) th.join();
        assertThat(sink.toString().split("\r", -1)).hasSize(1 + 1); // the clock stood still: drawn once, at the first
        now.addAndGet(1_000 * MS);
        p.advance(0, 0);
        assertThat(lastLine(sink.toString())).isEqualTo("checking files: 40000/40000, 390.6 KB, 390.6 KB/s");
    }

    private static String lastLine(String s) {
        String[] parts = s.split("\r");
        for (int i = parts.length - 1; i >= 0; i--) if (!parts[i].isBlank()) return parts[i].stripTrailing();
        return "";
    }
}
