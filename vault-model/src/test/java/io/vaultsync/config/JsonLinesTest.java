package io.vaultsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {
    @TempDir
    Path dir;

    @Test
    void aLineTornByACrashIsSkippedAndDoesNotSwallowTheNextRecord() throws Exception {
        Path f = dir.resolve("state/log.jsonl");
        JsonLines.append(f, Map.of("n", 1));
        Files.write(f, "{\"n\":2,\"ha".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND); // killed mid-write
        JsonLines.append(f, Map.of("n", 3));
        assertThat(JsonLines.read(f, Map.class)).containsExactly(Map.of("n", 1), Map.of("n", 3));
    }

    /** The workers of one agent append to one ledger at once: no line is lost or torn. */
    @Test
    void appendsFromSeveralThreadsAtOnceAreAllKept() throws Exception {
        Path f = dir.resolve("state/ledger.jsonl");
        int threads = 4;
        int each = 40;
        CyclicBarrier go = new CyclicBarrier(threads);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < each; i++) JsonLines.append(f, Map.of("t", id, "i", i));
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) th.join(60_000);
        List<Map> read = JsonLines.read(f, Map.class);
        assertThat(read).hasSize(threads * each);
        assertThat(Files.readAllLines(f)).hasSize(threads * each).allMatch(l -> l.startsWith("{") && l.endsWith("}"));
    }

    @Test
    void aMissingFileHasNoRecords() throws Exception {
        assertThat(JsonLines.read(dir.resolve("none.jsonl"), Map.class)).isEmpty();
    }
}
