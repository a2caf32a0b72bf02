package io.vaultsync.lease;

import io.vaultsync.config.Durations;
import io.vaultsync.markdown.YamlText;
import io.vaultsync.markdown.FrontMatter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes a task's lease as keys of its YAML front matter ({@code claimed_by}, {@code claimed_on},
 * {@code claimed_at}, {@code lease}, {@code lease_expires}, {@code handoff_from}, {@code handoff_note},
 * {@code previous_claim}). Only those lines are touched: every other byte of the file, including other
 * front matter and a body in any encoding, is kept as it was. Pure.
 */
public final class LeaseFrontMatter {
    static final List<String> KEYS = List.of("claimed_by", "claimed_on", "claimed_at", "lease", "lease_expires",
            "handoff_from", "handoff_note", "previous_claim");
    private static final FrontMatter OWN = new FrontMatter(KEYS);

    private LeaseFrontMatter() {}

    /** The lease in the file, if it has a complete one. */
    public static Optional<Lease> read(byte[] file) {
        Map<String, String> v = values(file);
        try {
            String agent = v.get("claimed_by");
            if (agent == null || v.get("claimed_at") == null || v.get("lease_expires") == null) return Optional.empty();
            Instant at = Instant.parse(v.get("claimed_at"));
            Instant expires = Instant.parse(v.get("lease_expires"));
            var length = v.get("lease") == null ? Lease.DEFAULT_LENGTH : Durations.parse(v.get("lease"));
            return Optional.of(new Lease(agent, v.get("claimed_on"), at, length, expires, v.get("handoff_from"),
                    v.get("handoff_note"), v.get("previous_claim")));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty(); // a hand-edited, unreadable lease counts as none
        }
    }

    /** The file with {@code lease} in its front matter (a front matter is added if it has none). */
    public static byte[] write(byte[] file, Lease lease) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("claimed_by", lease.agent());
        v.put("claimed_on", lease.machine());
        v.put("claimed_at", lease.claimedAt().toString());
        v.put("lease", Durations.format(lease.length()));
        v.put("lease_expires", lease.expires().toString());
        v.put("handoff_from", lease.handoffFrom());
        v.put("handoff_note", lease.note());
        v.put("previous_claim", lease.previous());
        return rewrite(file, FrontMatter.lines(v));
    }

    /** True when two versions of a task differ at most in their lease keys. */
    public static boolean sameTask(byte[] a, byte[] b) {
        return java.util.Arrays.equals(strip(a, null), strip(b, null));
    }

    /** The file without lease keys, keeping {@code previous_claim} when given (the record of a return). */
    public static byte[] strip(byte[] file, String previousClaim) {
        return rewrite(file, previousClaim == null ? List.of() : List.of("previous_claim: " + YamlText.quote(previousClaim)));
    }

    private static byte[] rewrite(byte[] file, List<String> ours) {
        return OWN.rewrite(file, ours);
    }

    static Map<String, String> values(byte[] file) {
        return OWN.values(file);
    }
}
