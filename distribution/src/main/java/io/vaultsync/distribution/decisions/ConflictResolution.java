package io.vaultsync.distribution.decisions;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * How a person settled one merge conflict of a sync, as {@code resolve} records it in the downstream's
 * {@code DECISIONS.md}:
 * <pre>
 * conflict_resolution:
 *   path: docs/guide.md
 *   rule: copy-docs
 *   version: v2.4.0
 *   decision: keep-override     # keep-override | take-upstream | manual
 *   by: Ada
 *   at: 2026-12-03T12:00:00Z
 *   note: our wording stays
 * </pre>
 */
@JsonPropertyOrder({"path", "rule", "version", "decision", "by", "at", "note"})
public record ConflictResolution(String path, String rule, String version, Decision decision, String by, Instant at,
        String note) {
    public ConflictResolution {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        note = Objects.requireNonNullElse(note, "");
    }

    /** What was kept. */
    public enum Decision {
        /** The override's version of the file stays. */
        @JsonProperty("keep-override") KEEP_OVERRIDE,
        /** The upstream output replaces the override's changes. */
        @JsonProperty("take-upstream") TAKE_UPSTREAM,
        /** A person edited the merged file by hand. */
        @JsonProperty("manual") MANUAL;

        /** The word on the command line and in the record. */
        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Parses {@code keep-override}, {@code take-upstream} or {@code manual}. */
        public static Decision parse(String word) {
            for (Decision d : values()) {
                if (d.word().equals(word)) return d;
            }
            throw new IllegalArgumentException("decision must be keep-override, take-upstream or manual, not '" + word + "'");
        }
    }
}
