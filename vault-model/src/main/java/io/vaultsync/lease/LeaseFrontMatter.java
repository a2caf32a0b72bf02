package io.vaultsync.lease;

import io.vaultsync.config.Durations;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
    private static final String FENCE = "---";

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
        List<String> lines = new ArrayList<>();
        v.forEach((k, val) -> { if (val != null) lines.add(k + ": " + quote(val)); });
        return rewrite(file, lines);
    }

    /** True when two versions of a task differ at most in their lease keys. */
    public static boolean sameTask(byte[] a, byte[] b) {
        return java.util.Arrays.equals(strip(a, null), strip(b, null));
    }

    /** The file without lease keys, keeping {@code previous_claim} when given (the record of a return). */
    public static byte[] strip(byte[] file, String previousClaim) {
        return rewrite(file, previousClaim == null ? List.of() : List.of("previous_claim: " + quote(previousClaim)));
    }

    private static byte[] rewrite(byte[] file, List<String> ours) {
        // ISO-8859-1 maps bytes to chars one to one, so the body survives whatever its encoding
        String text = new String(file, StandardCharsets.ISO_8859_1);
        Block b = Block.of(text);
        StringBuilder out = new StringBuilder();
        List<String> kept = new ArrayList<>();
        if (b != null) {
            for (String line : b.lines()) if (!isOurs(line)) kept.add(line);
        }
        String nl = b != null ? b.newline() : "\n";
        if (kept.isEmpty() && ours.isEmpty()) {
            return (b == null ? text : b.rest()).getBytes(StandardCharsets.ISO_8859_1);
        }
        out.append(FENCE).append(nl);
        for (String line : kept) out.append(line).append(nl);
        for (String line : ours) out.append(utf8AsLatin1(line)).append(nl);
        out.append(FENCE).append(nl);
        out.append(b == null ? text : b.rest());
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static Map<String, String> values(byte[] file) {
        Map<String, String> v = new LinkedHashMap<>();
        Block b = Block.of(new String(file, StandardCharsets.ISO_8859_1));
        if (b == null) return v;
        for (String line : b.lines()) {
            if (isOurs(line)) {
                String key = keyOf(line);
                String raw = line.substring(key.length() + 1).strip();
                v.put(key, unquote(new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)));
            }
        }
        return v;
    }

    private static boolean isOurs(String line) {
        String key = keyOf(line);
        return key != null && KEYS.contains(key);
    }

    private static String keyOf(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0 || Character.isWhitespace(line.charAt(0))) return null;
        return line.substring(0, colon);
    }

    /** A YAML double-quoted scalar: safe for any text, including colons, quotes and line breaks. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\x%02x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    static String unquote(String s) {
        if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
            if (s.length() >= 2 && s.charAt(0) == '\'' && s.charAt(s.length() - 1) == '\'') {
                return s.substring(1, s.length() - 1).replace("''", "'");
            }
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length() - 1) {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'x' -> {
                    if (i + 2 < s.length() - 1) {
                        sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                        i += 2;
                    }
                }
                default -> sb.append(n);
            }
        }
        return sb.toString();
    }

    private static String utf8AsLatin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** The front matter between the opening {@code ---} line and the closing one; null if the file has none. */
    private record Block(List<String> lines, String rest, String newline) {
        static Block of(String text) {
            String nl;
            if (text.startsWith(FENCE + "\r\n")) nl = "\r\n";
            else if (text.startsWith(FENCE + "\n")) nl = "\n";
            else return null;
            int pos = FENCE.length() + nl.length();
            List<String> lines = new ArrayList<>();
            while (pos <= text.length()) {
                int end = text.indexOf('\n', pos);
                String line = end < 0 ? text.substring(pos) : text.substring(pos, end);
                String bare = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                int next = end < 0 ? text.length() : end + 1;
                if (bare.equals(FENCE) || bare.equals("...")) return new Block(lines, text.substring(next), nl);
                if (end < 0) return null; // no closing fence: not front matter
                lines.add(bare);
                pos = next;
            }
            return null;
        }
    }
}
