package io.vaultsync.distribution.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.rules.YamlInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The registry ({@code core/orchestrator/distribution/registry.yaml}): each downstream repository (the
 * {@code target_repo} of the rules) with its git URL, default branch, template variables, auto-merge and
 * staleness thresholds; optionally the source's name and link pattern (for reference stubs), the PR command
 * and private paths (never published).
 *
 * <pre>
 * source: {name: agent33, link: "https://git.example/agent33/blob/{version}/{path}"}
 * pr_command: [gh, pr, create, --title, "{title}", --body-file, "{body_file}", --head, "{branch}"]
 * private_paths: ["private/**"]
 * downstreams:
 *   org/webapp: {url: /srv/git/webapp.git, branch: main, variables: {product: Webapp}, auto_merge: false}
 * </pre>
 */
public record Registry(
        Source source,
        @JsonProperty("pr_command") List<String> prCommand,
        @JsonProperty("private_paths") List<String> privatePaths,
        Map<String, Downstream> downstreams) {
    /** The seed's registry file, relative to the source repository. */
    public static final String DEFAULT_FILE = "core/orchestrator/distribution/registry.yaml";

    public Registry {
        source = Objects.requireNonNullElse(source, new Source(null, null));
        prCommand = prCommand == null ? List.of() : List.copyOf(prCommand);
        privatePaths = privatePaths == null ? List.of("private/**", "**/private/**") : List.copyOf(privatePaths);
        if (downstreams == null || downstreams.isEmpty()) {
            throw new IllegalArgumentException("missing required key 'downstreams'");
        }
        downstreams = new TreeMap<>(downstreams);
    }

    /** Reads and checks the registry file. */
    public static Registry load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DistributionException(file + ": no registry file (give one with --registry FILE)");
        }
        try {
            return YamlInput.read(file.toString(), Files.readString(file, StandardCharsets.UTF_8), Registry.class);
        } catch (IOException e) {
            throw new DistributionException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The downstream of that name, or an error naming the rule that asked for it. */
    public Downstream downstream(String repo, String ruleId) {
        Downstream d = downstreams.get(repo);
        if (d == null) {
            throw new DistributionException("rule '" + ruleId + "': target_repo '" + repo + "' is not in the registry (known: "
                    + String.join(", ", downstreams.keySet()) + ")");
        }
        return d;
    }

    /** The source's display name and a link pattern with {@code {version}} and {@code {path}}. */
    public record Source(String name, String link) {
        public Source {
            name = name == null || name.isBlank() ? "agent33" : name;
        }
    }

    /** One downstream repository. */
    public record Downstream(
            String url,
            String branch,
            Map<String, Object> variables,
            @JsonProperty("auto_merge") Boolean autoMerge,
            @JsonProperty("pr_command") List<String> prCommand,
            Thresholds thresholds) {
        public Downstream {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("missing required key 'url'");
            }
            branch = branch == null || branch.isBlank() ? "main" : branch;
            autoMerge = autoMerge != null && autoMerge;
            variables = variables == null ? Map.of() : Map.copyOf(variables);
            prCommand = prCommand == null ? List.of() : List.copyOf(prCommand);
            thresholds = Objects.requireNonNullElse(thresholds, Thresholds.DEFAULT);
        }
    }

    /**
     * When a downstream is stale: more days since its last sync than allowed for the rule's frequency, more
     * releases missed, or more consecutive failures.
     */
    public record Thresholds(
            @JsonProperty("on_release_days") Integer onReleaseDays,
            @JsonProperty("on_change_days") Integer onChangeDays,
            @JsonProperty("manual_days") Integer manualDays,
            @JsonProperty("releases_missed") Integer releasesMissed,
            @JsonProperty("consecutive_failures") Integer consecutiveFailures) {
        public static final Thresholds DEFAULT = new Thresholds(null, null, null, null, null);

        public Thresholds {
            onReleaseDays = positive(onReleaseDays, 90);
            onChangeDays = positive(onChangeDays, 14);
            manualDays = positive(manualDays, 365);
            releasesMissed = positive(releasesMissed, 2);
            consecutiveFailures = positive(consecutiveFailures, 3);
        }

        private static Integer positive(Integer v, int dflt) {
            if (v != null && v <= 0) {
                throw new IllegalArgumentException("must be a whole number above 0, got " + v);
            }
            return v == null ? dflt : v;
        }
    }
}
