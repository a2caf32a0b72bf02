package io.vaultsync.journal;

import io.vaultsync.config.JsonLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Checks a journal's hash chain, line by line, across its files (the chain goes on from one to the next). */
public final class JournalCheck {

    private JournalCheck() {}

    /** The first broken record: its line number (1-based), its id if readable, and what is wrong. */
    public record Break(int line, String id, String why) {}

    /** The first broken record of a journal kept in several files: the file, and the break (its line in that file). */
    public record FileBreak(Path file, Break brk) {}

    /** Pure: the first break in {@code lines}, the first of which must follow the genesis. */
    public static Optional<Break> verify(List<String> lines) {
        String[] prev = {JournalRecord.GENESIS};
        return verify(lines, prev);
    }

    /**
     * The first break in the files of a journal, read in order ({@link JournalFiles#all}): the first record of each
     * file must follow the last of the file before.
     */
    public static Optional<FileBreak> verifyFiles(List<Path> files) throws IOException {
        String[] prev = {JournalRecord.GENESIS};
        for (Path f : files) {
            Optional<Break> b = verify(Files.readAllLines(f, StandardCharsets.UTF_8), prev);
            if (b.isPresent()) return Optional.of(new FileBreak(f, b.get()));
        }
        return Optional.empty();
    }

    /** The first break in {@code lines}, whose first record must follow {@code prev[0]}; leaves the last hash there. */
    private static Optional<Break> verify(List<String> lines, String[] prev) {
        for (int i = 0; i < lines.size(); i++) {
            JournalRecord r;
            try {
                r = JsonLines.bind(Objects.requireNonNull(JsonLines.parse(lines.get(i))), JournalRecord.class);
            } catch (Exception e) {
                return Optional.of(new Break(i + 1, null, "not a journal record"));
            }
            if (r.hash() == null || !r.hash().equals(r.computeHash())) {
                return Optional.of(new Break(i + 1, r.id(), "its content does not match its hash (changed)"));
            }
            if (!prev[0].equals(r.prev())) {
                return Optional.of(new Break(i + 1, r.id(),
                        "it does not follow the record before it (a record was removed or the order changed)"));
            }
            prev[0] = r.hash();
        }
        return Optional.empty();
    }
}
