package io.vaultsync.journal;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaultsync.config.JsonLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What its owner last parsed of each journal: a running agent reads its journal a few times a cycle and it
 * only grows, so only the lines appended since are parsed. If the bytes read before changed in any way (a
 * checksum says), it is parsed again from the start. An agent keeps one for its life (its sync cycle does).
 */
public final class JournalReads {
    private static final Logger LOG = LoggerFactory.getLogger(JournalReads.class);

    private final Map<Path, Read> read = new ConcurrentHashMap<>();

    /**
     * The records, oldest first. A line that is not a record (edited by hand, say) is skipped with a warning:
     * the journal never stops a sync; {@code verify} names such a line.
     */
    public List<JournalRecord> read(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        if (!Files.exists(key)) {
            read.remove(key);
            return new ArrayList<>();
        }
        byte[] all = Files.readAllBytes(key);
        Read known = read.get(key);
        boolean grew = known != null && known.offset() <= all.length && crc(all, known.offset()) == known.crc();
        int from = grew ? known.offset() : 0;
        List<JournalRecord> out = grew ? new ArrayList<>(known.records()) : new ArrayList<>();
        int end = all.length;
        while (end > from && all[end - 1] != '\n') end--; // a last line still without its newline waits
        int start = from;
        for (int i = from; i < end; i++) {
            if (all[i] != '\n') continue;
            JsonNode line = JsonLines.parse(new String(all, start, i - start, StandardCharsets.UTF_8));
            start = i + 1;
            if (line == null) continue;
            try {
                out.add(JsonLines.bind(line, JournalRecord.class));
            } catch (IOException | RuntimeException e) {
                LOG.warn("journal {}: skipped a line that is not a record ({}); run verify", file, e.getMessage());
            }
        }
        read.put(key, new Read(end, crc(all, end), List.copyOf(out)));
        return out;
    }

    /** How far a journal was parsed, a checksum of the bytes up to there, and the records they held. */
    private record Read(int offset, long crc, List<JournalRecord> records) {}

    private static long crc(byte[] b, int n) {
        CRC32C c = new CRC32C();
        c.update(b, 0, n);
        return c.getValue();
    }
}
