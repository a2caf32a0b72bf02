package io.vaultsync.journal;

import static io.vaultsync.config.Mappers.JSON;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Journal files written straight to disk, many records at a time (an agent's append syncs each one). */
final class Records {
    private Records() {}

    /**
     * Writes {@code n} operations (enqueue, reconcile, checkpoint: 3 records each) chained from {@code prev} as the
     * whole of {@code file}; returns the last hash.
     */
    static String write(Path file, String prev, int from, int n) throws Exception {
        Files.createDirectories(file.getParent());
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = from; i < from + n; i++) {
                for (Op op : List.of(Op.ENQUEUE, Op.RECONCILE, Op.CHECKPOINT_WRITE)) {
                    JournalRecord r = new JournalRecord("op-" + i, op.journalName(), t, "cloud_agent", "vm", "d",
                            List.of("Plans/p" + i + ".md"), "c" + i, null, null, null).chained(prev);
                    w.write(JSON.writeValueAsString(r));
                    w.write('\n');
                    prev = r.hash();
                }
            }
        }
        return prev;
    }
}
