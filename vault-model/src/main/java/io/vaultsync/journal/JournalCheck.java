package io.vaultsync.journal;

import io.vaultsync.config.JsonLines;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Checks a journal's hash chain, line by line. Pure. */
public final class JournalCheck {

    private JournalCheck() {}

    /** The first broken record: its line number (1-based), its id if readable, and what is wrong. */
    public record Break(int line, String id, String why) {}

    public static Optional<Break> verify(List<String> lines) {
        String prev = JournalRecord.GENESIS;
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
            if (!prev.equals(r.prev())) {
                return Optional.of(new Break(i + 1, r.id(),
                        "it does not follow the record before it (a record was removed or the order changed)"));
            }
            prev = r.hash();
        }
        return Optional.empty();
    }
}
