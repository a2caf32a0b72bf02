package io.vaultsync.distribution.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.vaultsync.config.Mappers;
import io.vaultsync.distribution.DistributionException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one sync wrote into a downstream repository, committed there on the sync branch as
 * {@code .agent33-sync-state/<rule-id>/state.yaml}: the rule, the source commit and version, when, and the
 * SHA-256 of every file the sync wrote (downstream path → hex). Drift detection compares against these; the
 * snapshot beside it ({@code snapshot/<downstream path>}) is the merge base of the next sync.
 */
@JsonPropertyOrder({"rule", "source_commit", "version", "synced_at", "files"})
public record DownstreamState(
        String rule,
        @JsonProperty("source_commit") String sourceCommit,
        String version,
        @JsonProperty("synced_at") Instant syncedAt,
        SortedMap<String, String> files) {

    public DownstreamState {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(sourceCommit, "source_commit");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(syncedAt, "synced_at");
        files = new TreeMap<>(files == null ? Map.of() : files);
    }

    /** The folder of a rule's state in a downstream: {@code .agent33-sync-state/<rule-id>} for prefix agent33. */
    public static String folder(String prefix, String ruleId) {
        return "." + prefix + "-sync-state/" + ruleId;
    }

    /** The state file of a rule in a downstream. */
    public static String path(String prefix, String ruleId) {
        return folder(prefix, ruleId) + "/state.yaml";
    }

    /** Where the snapshot of {@code downstreamPath} lives in a downstream. */
    public static String snapshotPath(String prefix, String ruleId, String downstreamPath) {
        return folder(prefix, ruleId) + "/snapshot/" + downstreamPath;
    }

    /** The folder of overrides in a downstream: {@code .agent33-overrides/} for prefix agent33. */
    public static String overridesFolder(String prefix) {
        return "." + prefix + "-overrides/";
    }

    /** The state file's bytes (YAML, UTF-8). */
    public byte[] toYaml() {
        try {
            return Mappers.YAML.writeValueAsString(this).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the downstream state", e);
        }
    }

    /** Reads a state file; {@code where} names it in the error. */
    public static DownstreamState fromYaml(byte[] yaml, String where) {
        try {
            return Mappers.YAML.readValue(yaml, DownstreamState.class);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new DistributionException(where + ": not a readable sync state: " + firstLine(e.getMessage()), e);
        }
    }

    static String firstLine(String s) {
        return s == null ? "" : s.strip().lines().findFirst().orElse("");
    }
}
