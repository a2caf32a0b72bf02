package io.vaultsync.distribution.drift;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Objects;

/**
 * One finding of {@code drift}, the {@code sync_alert} record:
 * <pre>
 * sync_alert:
 *   kind: drift                # drift | stale
 *   rule: copy-docs
 *   downstream: org/webapp
 *   path: docs/guide.md        # absent for a staleness alert
 *   detail: changed since the sync of v2.4.0 (sha256 9f86d0… recorded, 2c26b4… found)
 *   remedy: re-sync ..., or move the change into .agent33-overrides/docs/guide.md
 *   detected_at: 2026-12-03T12:00:00Z
 * </pre>
 */
@JsonPropertyOrder({"kind", "rule", "downstream", "path", "detail", "remedy", "detected_at"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncAlert(Kind kind, String rule, String downstream, String path, String detail, String remedy,
        @JsonProperty("detected_at") Instant detectedAt) {
    public SyncAlert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(downstream, "downstream");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(remedy, "remedy");
        Objects.requireNonNull(detectedAt, "detected_at");
    }

    /** What was found. */
    public enum Kind {
        /** A synced file changed downstream outside the overrides. */
        @JsonProperty("drift") DRIFT,
        /** A rule has not synced a downstream for too long, missed releases, or keeps failing. */
        @JsonProperty("stale") STALE
    }

    /** One line for the terminal. */
    @JsonIgnore
    public String line() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "  " + downstream + "  " + rule
                + (path == null ? "" : "  " + path) + ": " + detail + "\n    remedy: " + remedy;
    }
}
