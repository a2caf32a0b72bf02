package io.vaultsync.journal;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaultsync.VaultStateException;
import io.vaultsync.config.JsonLines;
import io.vaultsync.config.SettingsStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This agent's append-only journal, {@code .git/vaultsync/journal.jsonl} (never synced): one JSON record
 * per line, each fsynced before {@link #append} returns and each hashing its predecessor. Callers hold the
 * vault lock.
 */
public final class Journal {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private final Path file;
    private final String agent;
    private final String machine;
    private final String device;
    private final Clock clock;
    private final Path gitDir;
    private String lastHash;
    private long count = -1;

    public Journal(Path gitDir, String agent, String machine, String device, Clock clock) {
        this.gitDir = gitDir;
        this.file = file(gitDir);
        this.agent = agent;
        this.machine = machine;
        this.device = device;
        this.clock = clock;
    }

    public static Path file(Path gitDir) {
        return SettingsStore.stateDir(gitDir).resolve("journal.jsonl");
    }

    public JournalRecord append(Op op, String id, List<String> paths, String commit, String detail) {
        return append(op, id, paths, commit, detail, null);
    }

    /** As {@link #append(Op, String, List, String, String)}, for a replay: {@code source} is the local commit replayed. */
    public JournalRecord append(Op op, String id, List<String> paths, String commit, String detail, String source) {
        if (lastHash == null) lastHash = lastHash();
        JournalRecord r = new JournalRecord(id, op.journalName(), clock.instant(), agent, machine, device, paths, commit,
                detail, null, null, source).chained(lastHash);
        JsonLines.append(file, r);
        lastHash = r.hash();
        count++;
        try {
            new JournalAnchor(count, lastHash).write(gitDir); // after the record: a crash between leaves it one behind
        } catch (IOException e) {
            throw new VaultStateException("cannot write the journal's head " + JournalAnchor.file(gitDir) + ": " + e.getMessage(), e);
        }
        return r;
    }

    /** Every whole record, oldest first. */
    public List<JournalRecord> read() throws IOException {
        return read(file);
    }

    /**
     * The records, oldest first. A line that is not a record (edited by hand, say) is skipped with a warning:
     * the journal never stops a sync; {@code verify} names such a line.
     */
    public static List<JournalRecord> read(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        if (!Files.exists(key)) {
            READ.remove(key);
            return new ArrayList<>();
        }
        byte[] all = Files.readAllBytes(key);
        Read known = READ.get(key);
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
        READ.put(key, new Read(end, crc(all, end), List.copyOf(out)));
        return out;
    }

    /**
     * What this process last parsed of a journal: a running agent reads it a few times a cycle and it only
     * grows, so only the lines appended since are parsed. If the bytes read before changed in any way (a
     * checksum says), it is parsed again from the start.
     */
    private record Read(int offset, long crc, List<JournalRecord> records) {}

    private static final Map<Path, Read> READ = new ConcurrentHashMap<>();

    private static long crc(byte[] b, int n) {
        CRC32C c = new CRC32C();
        c.update(b, 0, n);
        return c.getValue();
    }

    /**
     * A crash can leave the last line cut short: it announced nothing that completed (records are written
     * before their operation counts as done), so it is cut off. Returns true if it did so.
     */
    public static boolean dropTornTail(Path gitDir) throws IOException {
        Path f = file(gitDir);
        if (!Files.exists(f)) return false;
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            long len = raf.length();
            if (len == 0) return false;
            raf.seek(len - 1);
            if (raf.read() == '\n') return false;
            long cut = len - 1;
            while (cut > 0) {
                raf.seek(cut - 1);
                if (raf.read() == '\n') break;
                cut--;
            }
            raf.setLength(cut);
            raf.getFD().sync();
            return true;
        }
    }

    private String lastHash() {
        try {
            List<JournalRecord> all = read();
            count = all.size();
            return all.isEmpty() ? JournalRecord.GENESIS : all.get(all.size() - 1).hash();
        } catch (IOException e) {
            throw new VaultStateException("cannot read the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** The raw lines, for {@link JournalCheck}: a line that is not a record is itself a break. */
    public static List<String> lines(Path gitDir) throws IOException {
        Path f = file(gitDir);
        return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : List.of();
    }
}
