package io.vaultsync.markdown;

import io.vaultsync.markdown.YamlText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set of keys in a Markdown file's YAML front matter that one part of the code owns: read them, or
 * replace them. Only those lines are touched; every other byte of the file, including other front matter
 * and a body in any encoding, is kept as it was. Pure.
 */
public final class FrontMatter {
    private static final String FENCE = "---";
    /** A UTF-8 byte order mark as ISO-8859-1 chars: kept in front, and the front matter found after it. */
    private static final String BOM = "\u00EF\u00BB\u00BF";
    private final Set<String> keys;

    public FrontMatter(Collection<String> keys) {
        this.keys = Set.copyOf(keys);
    }

    /** {@code key: "value"} lines for the non-null entries, in order. */
    public static List<String> lines(Map<String, String> values) {
        List<String> out = new ArrayList<>();
        values.forEach((k, v) -> { if (v != null) out.add(k + ": " + YamlText.quote(v)); });
        return out;
    }

    /**
     * The file with this instance's keys replaced by {@code ours} (complete {@code key: value} lines; a
     * front matter is added if the file has none, and dropped if nothing would be left in it).
     */
    public byte[] rewrite(byte[] file, List<String> ours) {
        // ISO-8859-1 maps bytes to chars one to one, so the body survives whatever its encoding
        String whole = new String(file, StandardCharsets.ISO_8859_1);
        String bom = whole.startsWith(BOM) ? BOM : "";
        String text = whole.substring(bom.length());
        Block b = Block.of(text);
        StringBuilder out = new StringBuilder(bom);
        List<String> kept = new ArrayList<>();
        if (b != null) {
            for (String line : b.lines()) if (!isOurs(line)) kept.add(line);
        }
        String nl = b != null ? b.newline() : "\n";
        if (kept.isEmpty() && ours.isEmpty()) {
            return (bom + (b == null ? text : b.rest())).getBytes(StandardCharsets.ISO_8859_1);
        }
        out.append(FENCE).append(nl);
        for (String line : kept) out.append(line).append(nl);
        for (String line : ours) out.append(utf8AsLatin1(line)).append(nl);
        out.append(FENCE).append(nl);
        out.append(b == null ? text : b.rest());
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The values of this instance's keys in the file's front matter (unquoted). */
    public Map<String, String> values(byte[] file) {
        Map<String, String> v = new LinkedHashMap<>();
        String text = new String(file, StandardCharsets.ISO_8859_1);
        Block b = Block.of(text.startsWith(BOM) ? text.substring(BOM.length()) : text);
        if (b == null) return v;
        for (String line : b.lines()) {
            if (isOurs(line)) {
                String key = keyOf(line);
                String raw = line.substring(key.length() + 1).strip();
                v.put(key, YamlText.unquote(new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)));
            }
        }
        return v;
    }

    private boolean isOurs(String line) {
        String key = keyOf(line);
        return key != null && keys.contains(key);
    }

    private static String keyOf(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0 || Character.isWhitespace(line.charAt(0))) return null;
        return line.substring(0, colon);
    }

    private static String utf8AsLatin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /**
     * The front matter of a text: its lines between the opening {@code ---} line and the closing one
     * ({@code ---} or {@code ...}), what follows the closing line, and the line break the file uses.
     */
    public record Block(List<String> lines, String rest, String newline) {
        public Block {
            lines = List.copyOf(lines);
        }

        /** The front matter as one YAML document, for a mapper. */
        public String yaml() {
            return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        }

        /** The text's front matter; null if it has none (no opening line, or none closing it). */
        public static Block of(String text) {
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
