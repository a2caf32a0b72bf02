package io.vaultsync.journal;

import io.vaultsync.config.SettingsStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files a journal is kept in: once the live file ({@code journal.jsonl}) reaches {@link #ROTATE_AT} it is
 * renamed to the next {@code journal-NNNNNN.jsonl} and a new live file begins, whose first record chains to the
 * last record of the one before. Read in order (rotated by number, then the live one) they are one journal.
 */
public final class JournalFiles {
    /** The live file's size at which it is rotated before the next record. */
    public static final long ROTATE_AT = 16L << 20;

    private static final Pattern ROTATED = Pattern.compile("journal-(\\d{6})\\.jsonl");

    private JournalFiles() {}

    /** The rotated files, oldest first. */
    public static List<Path> rotated(Path gitDir) throws IOException {
        Path dir = SettingsStore.stateDir(gitDir);
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "journal-*.jsonl")) {
            for (Path p : ds) if (ROTATED.matcher(p.getFileName().toString()).matches()) out.add(p);
        }
        out.sort(null); // fixed-width numbers: the names sort in order
        return out;
    }

    /** Every file of the journal in order: the rotated ones, then the live one if it exists. */
    public static List<Path> all(Path gitDir) throws IOException {
        List<Path> out = rotated(gitDir);
        Path live = Journal.file(gitDir);
        if (Files.exists(live)) out.add(live);
        return out;
    }

    /** Renames the live file to the next rotated name (atomically, never over one that exists); returns that name. */
    static Path rotate(Path gitDir) throws IOException {
        List<Path> done = rotated(gitDir);
        int n = 0;
        if (!done.isEmpty()) {
            Matcher m = ROTATED.matcher(done.get(done.size() - 1).getFileName().toString());
            if (m.matches()) n = Integer.parseInt(m.group(1));
        }
        Path next = SettingsStore.stateDir(gitDir).resolve(String.format("journal-%06d.jsonl", n + 1));
        if (Files.exists(next)) throw new IOException("cannot rotate the journal: " + next + " exists");
        return Files.move(Journal.file(gitDir), next, StandardCopyOption.ATOMIC_MOVE);
    }
}
