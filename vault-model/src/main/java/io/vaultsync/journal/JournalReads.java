package io.vaultsync.journal;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaultsync.config.JsonLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What its owner last folded of each journal ({@link JournalFold}): a running agent reads its journal a few
 * times a cycle and it only grows, so only the lines appended to the live file since are parsed, and the rotated
 * files ({@link JournalFiles}) only once (and at start not at all when their fold is on disk: {@link JournalIndex}).
 * A start does not parse the live file from its first record either: the fold of its first bytes is on disk too
 * ({@link JournalLiveIndex}, written again every {@link #LIVE_INDEX_EVERY} bytes parsed past it), so a command
 * parses at most about that much, however long the file has grown. If the live file's bytes read before changed
 * in any way (a checksum says), it is folded again from the start. An agent keeps one for its life (its sync cycle
 * does); what it holds does not grow with the number of records.
 */
public final class JournalReads {
    private static final Logger LOG = LoggerFactory.getLogger(JournalReads.class);
    /** How many bytes of the live file are parsed past its on-disk index before the index is written again. */
    static final int LIVE_INDEX_EVERY = 64 << 10;

    private final Map<Path, Read> read = new ConcurrentHashMap<>();
    private final int liveIndexEvery;
    private final AtomicLong parsed = new AtomicLong(); // bytes of live files parsed, for the tests

    public JournalReads() {
        this(LIVE_INDEX_EVERY);
    }

    /** The same, writing the live file's index every {@code liveIndexEvery} bytes parsed past it. */
    JournalReads(int liveIndexEvery) {
        if (liveIndexEvery <= 0) throw new IllegalArgumentException("liveIndexEvery must be positive");
        this.liveIndexEvery = liveIndexEvery;
    }

    /**
     * The journal of the clone whose git directory is {@code gitDir}, folded. A line that is not a record (edited
     * by hand, say) is skipped with a warning: the journal never stops a sync; {@code verify} names such a line.
     */
    public JournalFold fold(Path gitDir) throws IOException {
        Path key = gitDir.toAbsolutePath().normalize();
        List<Path> rotated = JournalFiles.rotated(key);
        Read known = read.get(key);
        JournalFold base;
        if (known != null && known.rotated().equals(rotated)) {
            base = known.base();
        } else if (known != null && rotated.size() == known.rotated().size() + 1
                && rotated.subList(0, known.rotated().size()).equals(known.rotated())) {
            base = known.base().copy(); // one more rotated: fold just that one
            fold(rotated.get(rotated.size() - 1), base::add);
            JournalIndex.write(key, rotated, base);
            known = null;
        } else {
            base = rotated.isEmpty() ? new JournalFold() : JournalIndex.read(key, rotated).orElse(null);
            if (base == null) {
                base = new JournalFold();
                for (Path f : rotated) fold(f, base::add);
                JournalIndex.write(key, rotated, base);
            }
            known = null;
        }
        Path live = Journal.file(key);
        byte[] all = Files.exists(live) ? Files.readAllBytes(live) : new byte[0];
        boolean grew = known != null && known.offset() <= all.length && crc(all, known.offset()) == known.crc();
        int from = 0;
        int indexed = 0;
        JournalFold out;
        if (grew) {
            from = known.offset();
            indexed = known.indexed();
            out = known.live().copy();
        } else {
            // a start (or a file changed under us): the index on disk, when it still covers the file's first bytes
            JournalLiveIndex onDisk = JournalLiveIndex.read(key, rotated)
                    .filter(i -> i.offset() <= all.length && crc(all, i.offset()) == i.crc()).orElse(null);
            if (onDisk != null) from = indexed = onDisk.offset();
            out = onDisk != null ? JournalFold.of(onDisk.fold()) : base.copy();
        }
        int end = all.length;
        while (end > from && all[end - 1] != '\n') end--; // a last line still without its newline waits
        lines(all, from, end, line -> add(out, live, line));
        parsed.addAndGet(end - from);
        long crc = crc(all, end);
        if (end - indexed >= liveIndexEvery) {
            JournalLiveIndex.write(key, rotated, end, crc, out);
            indexed = end;
        }
        read.put(key, new Read(rotated, base, end, crc, out.copy(), indexed));
        return out;
    }

    /** How many bytes of live journal files this reader has parsed: what an index saved it shows as what it did not. */
    long parsed() {
        return parsed.get();
    }

    /** Folds every whole record of one file, streaming it (a rotated file is never held whole). */
    static void fold(Path file, Consumer<JournalRecord> into) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                JournalRecord r = record(file, line);
                if (r != null) into.accept(r);
            }
        }
    }

    private static void add(JournalFold fold, Path file, String line) {
        JournalRecord r = record(file, line);
        if (r != null) fold.add(r);
    }

    private static JournalRecord record(Path file, String line) {
        JsonNode node = JsonLines.parse(line);
        if (node == null) return null;
        try {
            return JsonLines.bind(node, JournalRecord.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("journal {}: skipped a line that is not a record ({}); run verify", file, e.getMessage());
            return null;
        }
    }

    private static void lines(byte[] all, int from, int end, Consumer<String> each) {
        int start = from;
        for (int i = from; i < end; i++) {
            if (all[i] != '\n') continue;
            each.accept(new String(all, start, i - start, StandardCharsets.UTF_8));
            start = i + 1;
        }
    }

    /**
     * What was folded of one journal: the rotated files and their fold, how far the live file was parsed, a
     * checksum of its bytes up to there, the fold of everything up to there, and how far the index on disk goes.
     */
    private record Read(List<Path> rotated, JournalFold base, int offset, long crc, JournalFold live, int indexed) {}

    private static long crc(byte[] b, int n) {
        CRC32C c = new CRC32C();
        c.update(b, 0, n);
        return c.getValue();
    }
}
