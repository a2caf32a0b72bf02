package io.vaultsync.conflict;

import static io.vaultsync.config.Mappers.YAML;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaultsync.conflict.ConflictDecision.Side;
import io.vaultsync.markdown.FrontMatter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads a decision card back from its Markdown file (the YAML front matter {@link ConflictCard#render} writes). */
public final class CardReader {

    private CardReader() {}

    /** Thrown for a file that is not a card, naming what is wrong. */
    public static final class NotACardException extends IllegalArgumentException {
        public NotACardException(String message) {
            super(message);
        }
    }

    /** True when the text starts with front matter: a file in the conflicts folder that may be a card. */
    public static boolean looksLikeCard(String text) {
        return text.startsWith("---\n") || text.startsWith("---\r\n");
    }

    public static ConflictCard parse(String where, String text) {
        String t = text.replace("\r\n", "\n");
        if (!t.startsWith("---\n")) throw new NotACardException(where + ": no front matter");
        FrontMatter.Block b = FrontMatter.Block.of(t);
        if (b == null) throw new NotACardException(where + ": front matter not closed by ---");
        JsonNode n;
        try {
            n = YAML.readTree(b.yaml());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new NotACardException(where + ": front matter is not YAML: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) throw new NotACardException(where + ": front matter is not a map");
        try {
            ConflictCard.Resolution r = null;
            String status = text(n, "status", where);
            if (!"open".equals(status)) {
                if (!"resolved".equals(status)) throw new NotACardException(where + ": status '" + status + "' (open or resolved)");
                r = new ConflictCard.Resolution(Keep.parse(text(n, "resolution", where)),
                        Instant.parse(text(n, "resolved_at", where)), text(n, "resolved_by", where),
                        optional(n, "resolution_note"));
            }
            List<Keep> options = new ArrayList<>();
            JsonNode opts = n.get("options");
            if (opts == null || !opts.isArray()) throw new NotACardException(where + ": 'options' is not a list");
            for (JsonNode o : opts) options.add(Keep.parse(o.asText()));
            return new ConflictCard(text(n, "id", where), ConflictKind.fromYaml(text(n, "kind", where)),
                    text(n, "path", where), optional(n, "base"), version(n, "ours", where), version(n, "theirs", where),
                    "theirs".equals(text(n, "in_place", where)) ? Side.THEIRS : Side.OURS,
                    Keep.parse(text(n, "recommendation", where)), options, text(n, "reason", where), diff(b.rest()),
                    Instant.parse(text(n, "created_at", where)), text(n, "created_by", where), r);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            if (e instanceof NotACardException nac) throw nac;
            throw new NotACardException(where + ": " + e.getMessage());
        }
    }

    /** The body's diff block, kept when a resolved card is written again. */
    private static String diff(String body) {
        String t = "\n" + body;
        int start = t.indexOf("\n```diff\n");
        if (start < 0) return "";
        int end = t.indexOf("\n```\n", start + 9);
        return end < 0 ? "" : t.substring(start + 9, end + 1);
    }

    private static ConflictCard.Version version(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || !v.isObject()) throw new NotACardException(where + ": '" + key + "' is missing");
        return new ConflictCard.Version(text(v, "agent", where + " " + key), optional(v, "commit"), optional(v, "at"));
    }

    private static String text(JsonNode n, String key, String where) {
        String s = optional(n, key);
        if (s == null) throw new NotACardException(where + ": '" + key + "' is missing");
        return s;
    }

    private static String optional(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
