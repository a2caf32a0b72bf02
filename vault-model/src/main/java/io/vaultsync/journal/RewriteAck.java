package io.vaultsync.journal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rewrite of the remote branch acknowledged by hand, as a {@code sync.rewrite.acknowledge} record keeps
 * it in its {@code detail}: the remote head the landed commits were on, the head that replaced it, when
 * this clone fetched that, and the journal records (line numbers, landed commits) it settles. The record
 * is hash-chained like any other, so the list cannot change afterwards; it stays readable when the dropped
 * commits are gone from the object store.
 *
 * @param oldHead the remote head before the rewrite
 * @param newHead the first remote head after it
 * @param fetched when this clone's remote-tracking ref moved from one to the other (its reflog)
 * @param records the journal lines (1-based) of the landed records it settles, in order
 * @param commits their landed commits, in the same order
 */
public record RewriteAck(String oldHead, String newHead, Instant fetched, List<Integer> records, List<String> commits) {
    private static final String SHA = "[0-9a-f]{40}";
    private static final Pattern DETAIL = Pattern.compile("rewrite acknowledged: old (" + SHA + ") new (" + SHA
            + ") fetched (\\S+) records ([0-9]+(?:,[0-9]+)*) commits (" + SHA + "(?:," + SHA + ")*)");

    public RewriteAck {
        Objects.requireNonNull(oldHead, "oldHead");
        Objects.requireNonNull(newHead, "newHead");
        Objects.requireNonNull(fetched, "fetched");
        records = List.copyOf(records);
        commits = List.copyOf(commits);
        if (records.isEmpty() || records.size() != commits.size()) {
            throw new IllegalArgumentException("an acknowledgement names at least one record, each with its commit");
        }
    }

    /** The record's id: the new head, shortened. */
    public String id() {
        return "rw-" + newHead.substring(0, Math.min(12, newHead.length()));
    }

    /** What the journal record keeps in its {@code detail}; {@link #parse} reads it back. */
    public String detail() {
        return "rewrite acknowledged: old " + oldHead + " new " + newHead + " fetched " + fetched + " records "
                + String.join(",", records.stream().map(String::valueOf).toList()) + " commits " + String.join(",", commits);
    }

    /** The acknowledgement a record's {@code detail} names, or empty when it is not one. */
    public static Optional<RewriteAck> parse(String detail) {
        if (detail == null) return Optional.empty();
        Matcher m = DETAIL.matcher(detail);
        if (!m.matches()) return Optional.empty();
        try {
            List<Integer> lines = new ArrayList<>();
            for (String n : m.group(4).split(",")) lines.add(Integer.parseInt(n));
            return Optional.of(new RewriteAck(m.group(1), m.group(2), Instant.parse(m.group(3)), lines,
                    List.of(m.group(5).split(","))));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
