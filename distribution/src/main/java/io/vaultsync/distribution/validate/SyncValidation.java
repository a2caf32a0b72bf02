package io.vaultsync.distribution.validate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The {@code sync_validation} report of one rule for one downstream: the checks run before publishing, each
 * with its status and the files it is about. Kept in the source-side state and put in the PR body.
 *
 * <pre>
 * sync_validation:
 *   rule: copy-docs
 *   downstream: org/webapp
 *   version: v2.4.0
 *   source_commit: 0123...
 *   status: pass            # fail if any check failed, else warn if any warned, else pass
 *   checks:
 *     - {name: checksum, status: pass, files: [docs/guide.md], message: 3 outputs reproduced}
 * </pre>
 */
@JsonPropertyOrder({"rule", "downstream", "version", "source_commit", "status", "checks"})
public record SyncValidation(
        String rule,
        String downstream,
        String version,
        @JsonProperty("source_commit") String sourceCommit,
        Status status,
        List<Check> checks) {

    public SyncValidation {
        Objects.requireNonNull(rule, "rule");
        checks = List.copyOf(checks);
        status = Objects.requireNonNullElse(status, overall(checks));
    }

    /** A report whose status is derived from its checks. */
    public static SyncValidation of(String rule, String downstream, String version, String sourceCommit, List<Check> checks) {
        return new SyncValidation(rule, downstream, version, sourceCommit, overall(checks), checks);
    }

    /** A blocking failure: at least one check failed, nothing may be pushed. */
    @JsonIgnore
    public boolean blocked() {
        return status == Status.FAIL;
    }

    /** The checks that failed. */
    public List<Check> failures() {
        return checks.stream().filter(c -> c.status() == Status.FAIL).toList();
    }

    private static Status overall(List<Check> checks) {
        if (checks.stream().anyMatch(c -> c.status() == Status.FAIL)) {
            return Status.FAIL;
        }
        return checks.stream().anyMatch(c -> c.status() == Status.WARN) ? Status.WARN : Status.PASS;
    }

    /** How one check ended. */
    public enum Status {
        @JsonProperty("pass") PASS,
        @JsonProperty("fail") FAIL,
        @JsonProperty("warn") WARN;

        /** The word written in reports: pass, fail, warn. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One check: its name (checksum, links, schema, secrets, version_tag), status, the files it concerns (for
     * a failure, the files that failed) and one line saying why.
     */
    @JsonPropertyOrder({"name", "status", "files", "message"})
    public record Check(String name, Status status, List<String> files, String message) {
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            files = files == null ? List.of() : List.copyOf(files);
            message = Objects.requireNonNullElse(message, "");
        }
    }
}
