package io.vaultsync.journal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One journal record, one line of the journal as Jackson writes and reads it: its keys in the order of the
 * fields, each one present (null where unset) but {@code source}, which only a replay has. {@code hash} is the SHA-256 of the record's other fields in a fixed order (each as
 * its length and its UTF-8 bytes, so no field can run into the next), {@code prev} is the previous record's
 * hash ({@link #GENESIS} for the first): changing, removing or reordering a record breaks the chain.
 *
 * @param id     the operation id (the {@code Vaultsync-Operation} trailer of its commits) or a record id
 * @param op     one of {@link Op}'s names
 * @param paths  the vault paths it concerns (may be empty)
 * @param commit the commit it concerns, or null
 * @param detail a short human-readable note, or null
 * @param source for a replay (and the reconcile that follows it): the local commit it was replayed from, or
 *               null; hashed only when present, so records without one keep their hashes
 */
@JsonPropertyOrder({"id", "op", "time", "agent", "machine", "device", "paths", "commit", "detail", "prev", "hash", "source"})
public record JournalRecord(String id, String op, Instant time, String agent, String machine, String device,
        List<String> paths, String commit, String detail, String prev, String hash,
        @JsonInclude(JsonInclude.Include.NON_NULL) String source) {
    public static final String GENESIS = "0".repeat(64);

    /** A record with no replay source. */
    public JournalRecord(String id, String op, Instant time, String agent, String machine, String device,
            List<String> paths, String commit, String detail, String prev, String hash) {
        this(id, op, time, agent, machine, device, paths, commit, detail, prev, hash, null);
    }

    @JsonCreator
    public JournalRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(time, "time");
        paths = List.copyOf(paths == null ? List.of() : paths);
    }

    /** The record with {@code prev} set and its hash computed. */
    public JournalRecord chained(String previousHash) {
        JournalRecord r = new JournalRecord(id, op, time, agent, machine, device, paths, commit, detail, previousHash, null,
                source);
        return new JournalRecord(id, op, time, agent, machine, device, paths, commit, detail, previousHash, r.computeHash(),
                source);
    }

    public String computeHash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<String> fields = new ArrayList<>(List.of(id, op, time.toString(), str(agent), str(machine), str(device)));
            fields.add(Integer.toString(paths.size()));
            fields.addAll(paths);
            fields.addAll(List.of(str(commit), str(detail), str(prev)));
            if (source != null) fields.addAll(List.of("source", source));
            for (String f : fields) {
                byte[] b = f.getBytes(StandardCharsets.UTF_8);
                md.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
                md.update(b);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String str(String s) {
        return s == null ? "\u0000" : s;
    }
}
