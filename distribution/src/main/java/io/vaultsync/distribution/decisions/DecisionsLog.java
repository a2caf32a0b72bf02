package io.vaultsync.distribution.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vaultsync.config.Mappers;
import io.vaultsync.distribution.DistributionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The downstream's {@code DECISIONS.md}: a Markdown file people read, to which {@code resolve} and
 * {@code rollback} append one section each, a heading and a fenced YAML block holding one record under its
 * key ({@code conflict_resolution:} or {@code rollback:}). Appending never rewrites what is there. Pure: text
 * in, text out.
 */
public final class DecisionsLog {
    /** The file's path at the root of the downstream. */
    public static final String PATH = "DECISIONS.md";
    static final String HEADER = "# Decisions\n\nChoices made about synced files (conflict resolutions, rollbacks), "
            + "appended by `distribute`. One YAML block per decision.\n";
    private static final String FENCE = "```";

    private DecisionsLog() {}

    /** {@code existing} (null: no file yet) with one section appended: {@code heading} and {@code key: record}. */
    public static String append(String existing, String heading, String key, Object record) {
        StringBuilder out = new StringBuilder(existing == null || existing.isBlank() ? HEADER : existing);
        if (out.charAt(out.length() - 1) != '\n') out.append('\n');
        out.append('\n').append("## ").append(heading.strip().replace('\n', ' ')).append("\n\n")
                .append(FENCE).append("yaml\n").append(yaml(key, record)).append(FENCE).append('\n');
        return out.toString();
    }

    /** Every record under {@code key} in the file's YAML blocks, oldest first. */
    public static List<JsonNode> entries(String text, String key) {
        List<JsonNode> out = new ArrayList<>();
        if (text == null) return out;
        String[] parts = text.split("\n" + FENCE + "yaml\n", -1);
        for (int i = 1; i < parts.length; i++) {
            int end = parts[i].indexOf(FENCE);
            if (end < 0) continue;
            try {
                JsonNode node = Mappers.YAML.readTree(parts[i].substring(0, end));
                if (node != null && node.has(key)) out.add(node.get(key));
            } catch (IOException e) {
                throw new DistributionException(PATH + ": YAML block " + i + " is not readable: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static String yaml(String key, Object record) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(key, record);
        try {
            String s = Mappers.YAML.writeValueAsString(doc);
            return s.startsWith("---\n") ? s.substring(4) : s;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + key + " record", e);
        }
    }
}
