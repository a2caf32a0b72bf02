package io.vaultsync.distribution.decisions;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Objects;

/**
 * A rollback, as {@code rollback} records it in the downstream's {@code DECISIONS.md}, in the same commit as
 * the restored files:
 * <pre>
 * rollback:
 *   rule: copy-docs
 *   downstream: org/webapp
 *   from_version: v2.4.0
 *   to_version: v2.3.0
 *   branch: agent33-sync/rollback/v2.3.0/copy-docs
 *   commit: 0123...        # the downstream commit whose sync state was restored
 *   at: 2026-12-03T12:00:00Z
 *   reason: the new wording broke the onboarding checklist
 * </pre>
 */
@JsonPropertyOrder({"rule", "downstream", "from_version", "to_version", "branch", "commit", "at", "reason"})
public record RollbackEntry(String rule, String downstream, @JsonProperty("from_version") String fromVersion,
        @JsonProperty("to_version") String toVersion, String branch, String commit, Instant at, String reason) {
    public RollbackEntry {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(downstream, "downstream");
        Objects.requireNonNull(fromVersion, "from_version");
        Objects.requireNonNull(toVersion, "to_version");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(at, "at");
        reason = Objects.requireNonNullElse(reason, "");
    }
}
