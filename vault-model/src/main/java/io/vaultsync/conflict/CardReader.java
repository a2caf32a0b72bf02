package io.vaultsync.conflict;

import static io.vaultsync.config.Mappers.YAML;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vaultsync.config.Mappers;
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
        Front f;
        try {
            f = YAML.treeToValue(n, Front.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new NotACardException(where + ": "
                    + (e instanceof JsonMappingException m ? unbound(Mappers.keyPath(m)) : e.getMessage()));
        }
        try {
            return f.card(where, diff(b.rest()));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            if (e instanceof NotACardException nac) throw nac;
            throw new NotACardException(where + ": " + e.getMessage());
        }
    }

    /** What a value of the wrong shape at {@code key} means for a card. */
    private static String unbound(String key) {
        String top = key.split("[.\\[]", 2)[0];
        if (top.equals("options")) return "'options' is not a list";
        if (top.equals("ours") || top.equals("theirs")) return "'" + top + "' is missing";
        return "'" + top + "' is not text";
    }

    /**
     * The front matter as Jackson binds it: the keys {@link ConflictCard#render} writes, every value as text
     * (a number reads as written), other keys ignored. {@link #card} checks it in the order a reader fixes
     * things: status first, then the options, then the rest.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Front(String id, String kind, String path, String base, Written ours, Written theirs,
            @JsonProperty("in_place") String inPlace, String recommendation, List<String> options, String reason,
            @JsonProperty("created_at") String createdAt, @JsonProperty("created_by") String createdBy, String status,
            String resolution, @JsonProperty("resolved_at") String resolvedAt,
            @JsonProperty("resolved_by") String resolvedBy, @JsonProperty("resolution_note") String resolutionNote) {

        ConflictCard card(String where, String diff) {
            ConflictCard.Resolution r = null;
            String st = need(status, "status", where);
            if (!"open".equals(st)) {
                if (!"resolved".equals(st)) throw new NotACardException(where + ": status '" + st + "' (open or resolved)");
                r = new ConflictCard.Resolution(Keep.parse(need(resolution, "resolution", where)),
                        Instant.parse(need(resolvedAt, "resolved_at", where)), need(resolvedBy, "resolved_by", where),
                        resolutionNote);
            }
            if (options == null) throw new NotACardException(where + ": 'options' is not a list");
            List<Keep> keep = new ArrayList<>();
            for (String o : options) keep.add(Keep.parse(String.valueOf(o)));
            return new ConflictCard(need(id, "id", where), ConflictKind.fromYaml(need(kind, "kind", where)),
                    need(path, "path", where), base, version(ours, "ours", where), version(theirs, "theirs", where),
                    "theirs".equals(need(inPlace, "in_place", where)) ? Side.THEIRS : Side.OURS,
                    Keep.parse(need(recommendation, "recommendation", where)), keep, need(reason, "reason", where), diff,
                    Instant.parse(need(createdAt, "created_at", where)), need(createdBy, "created_by", where), r);
        }
    }

    /** One side as the card names it: {@code agent}, {@code commit}, {@code at}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Written(String agent, String commit, String at) {}

    /** The body's diff block, kept when a resolved card is written again. */
    private static String diff(String body) {
        String t = "\n" + body;
        String open = "\n```diff\n";
        int start = t.indexOf(open);
        if (start < 0) {
            open = "\n## Findings\n\n```\n"; // a history-secrets card's list
            start = t.indexOf(open);
        }
        if (start < 0) return "";
        int end = t.indexOf("\n```\n", start + open.length());
        return end < 0 ? "" : t.substring(start + open.length(), end + 1);
    }

    private static ConflictCard.Version version(Written v, String key, String where) {
        if (v == null) throw new NotACardException(where + ": '" + key + "' is missing");
        return new ConflictCard.Version(need(v.agent(), "agent", where + " " + key), v.commit(), v.at());
    }

    private static String need(String value, String key, String where) {
        if (value == null) throw new NotACardException(where + ": '" + key + "' is missing");
        return value;
    }
}
