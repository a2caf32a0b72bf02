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
import java.util.List;

/**
 * This agent's append-only journal, {@code .git/vaultsync/journal.jsonl} (never synced): one JSON record
 * per line, each fsynced before {@link #append} returns and each hashing its predecessor. Callers hold the
 * vault lock.
 */
public final class Journal {
    private final Path file;
    private final String agent;
    private final String machine;
    private final String device;
    private final Clock clock;
    private final Path gitDir;
    private final JournalReads reads;
    private String lastHash;
    private long count = -1;

    public Journal(Path gitDir, String agent, String machine, String device, Clock clock) {
        this(gitDir, agent, machine, device, clock, new JournalReads());
    }

    /** A journal read through {@code reads}, which an agent keeps across its cycles. */
    public Journal(Path gitDir, String agent, String machine, String device, Clock clock, JournalReads reads) {
        this.gitDir = gitDir;
        this.reads = reads;
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
        return reads.read(file);
    }

    /**
     * The records, oldest first, parsed from the start (a one-shot reader; see {@link JournalReads} for one
     * that reads again and again).
     */
    public static List<JournalRecord> read(Path file) throws IOException {
        return new JournalReads().read(file);
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
