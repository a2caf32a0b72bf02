package io.vaultsync.journal;

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
    private String lastHash;

    public Journal(Path gitDir, String agent, String machine, String device, Clock clock) {
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
        if (lastHash == null) lastHash = lastHash();
        JournalRecord r = new JournalRecord(id, op.journalName(), clock.instant(), agent, machine, device, paths, commit,
                detail, null, null).chained(lastHash);
        JsonLines.append(file, r.toMap());
        lastHash = r.hash();
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
        List<JournalRecord> out = new ArrayList<>();
        for (Map<String, Object> m : JsonLines.read(file)) {
            try {
                out.add(JournalRecord.fromMap(m));
            } catch (RuntimeException e) {
                LOG.warn("journal {}: skipped a line that is not a record ({}); run verify", file, e.getMessage());
            }
        }
        return out;
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
