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

/**
 * This agent's append-only journal, {@code .git/vaultsync/journal.jsonl} (never synced): one JSON record
 * per line, each fsynced before {@link #append} returns and each hashing its predecessor. Rotated at a size
 * ({@link JournalFiles}): the chain goes on across files. Callers hold the vault lock.
 */
public final class Journal {
    private final Path file;
    private final String agent;
    private final String machine;
    private final String device;
    private final Clock clock;
    private final Path gitDir;
    private final JournalReads reads;
    private final long rotateAt;
    private String lastHash;
    private long count = -1;

    public Journal(Path gitDir, String agent, String machine, String device, Clock clock) {
        this(gitDir, agent, machine, device, clock, new JournalReads());
    }

    /** A journal read through {@code reads}, which an agent keeps across its cycles. */
    public Journal(Path gitDir, String agent, String machine, String device, Clock clock, JournalReads reads) {
        this(gitDir, agent, machine, device, clock, reads, JournalFiles.ROTATE_AT);
    }

    /** The same, its live file rotated once it reaches {@code rotateAt} bytes. */
    public Journal(Path gitDir, String agent, String machine, String device, Clock clock, JournalReads reads, long rotateAt) {
        if (rotateAt <= 0) throw new IllegalArgumentException("rotateAt must be positive");
        this.rotateAt = rotateAt;
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
        rotateIfFull();
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

    /**
     * The records so far, folded (what a running agent needs of them, not the records). A live file already over the
     * rotation size (one from before rotation, say) is rotated first: it is then folded as a stream, never read whole.
     */
    public JournalFold folded() throws IOException {
        rotateIfFull();
        return reads.fold(gitDir);
    }

    /** The records of one journal file, oldest first, parsed from the start. */
    public static List<JournalRecord> read(Path file) throws IOException {
        List<JournalRecord> out = new ArrayList<>();
        if (Files.exists(file)) JournalReads.fold(file, out::add);
        return out;
    }

    /** Every record of the clone whose git directory is {@code gitDir}, across its rotated files, oldest first. */
    public static List<JournalRecord> readAll(Path gitDir) throws IOException {
        List<JournalRecord> out = new ArrayList<>();
        for (Path f : JournalFiles.all(gitDir)) JournalReads.fold(f, out::add);
        return out;
    }

    private void rotateIfFull() {
        try {
            if (Files.exists(file) && Files.size(file) >= rotateAt) JournalFiles.rotate(gitDir);
        } catch (IOException e) {
            throw new VaultStateException("cannot rotate the journal " + file + ": " + e.getMessage(), e);
        }
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
            JournalFold f = folded();
            count = f.count();
            return f.lastHash();
        } catch (IOException e) {
            throw new VaultStateException("cannot read the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** The raw lines of every file in order, for {@link JournalCheck}: a line that is not a record is itself a break. */
    public static List<String> lines(Path gitDir) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : JournalFiles.all(gitDir)) out.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
        return out;
    }
}
