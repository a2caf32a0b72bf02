package io.vaultsync.distribution.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded blocks of a Markdown text that declare a schema. A block declares one in its fence's info
 * string, after the language: <code>```yaml schema=schemas/agent.schema.json</code> (or {@code json}); the
 * path is relative to the source repository's root. The declaration changes nothing in how the block renders
 * (Markdown renderers read only the first word). Pure.
 */
public final class SchemaBlocks {
    private static final Pattern OPEN = Pattern.compile("^\\s{0,3}(```+|~~~+)\\s*(json|yaml|yml)\\b(.*)$");
    private static final Pattern SCHEMA = Pattern.compile("\\bschema=(\\S+)");

    private SchemaBlocks() {
    }

    /** One block: its language (json or yaml), declared schema path, first line number (1-based) and content. */
    public record Block(String language, String schema, int line, String content) {
    }

    /** Every block with a declared schema, in order. */
    public static List<Block> find(String text) {
        List<Block> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = OPEN.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            String fence = m.group(1);
            Matcher s = SCHEMA.matcher(m.group(3));
            StringBuilder content = new StringBuilder();
            int j = i + 1;
            while (j < lines.length && !lines[j].strip().startsWith(fence)) {
                content.append(lines[j]).append('\n');
                j++;
            }
            if (s.find()) {
                out.add(new Block(m.group(2).equals("json") ? "json" : "yaml", s.group(1), i + 1, content.toString()));
            }
            i = j;
        }
        return out;
    }
}
