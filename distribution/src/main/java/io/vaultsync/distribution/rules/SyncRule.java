package io.vaultsync.distribution.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One {@code sync_rule}: which source files ({@code source} glob, then {@code filters}) go to which downstream
 * ({@code target_repo}, a key of the registry) under which path ({@code target_path}), how ({@code strategy},
 * {@code transforms}), when ({@code frequency}) and with which optional checks ({@code validation}).
 * {@code name} is the spec name in the PR title (default: the id).
 */
public record SyncRule(
        String id,
        String name,
        String source,
        @JsonProperty("target_repo") String targetRepo,
        @JsonProperty("target_path") String targetPath,
        Strategy strategy,
        Frequency frequency,
        Filters filters,
        Transforms transforms,
        Checks validation) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public SyncRule {
        require(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("is not an id (lower-case letters, digits, '.', '_', '-'; 64 at most)");
        }
        require(source, "source");
        require(targetRepo, "target_repo");
        require(strategy, "strategy");
        name = name == null || name.isBlank() ? id : name;
        targetPath = targetPath == null ? "" : Globs.cleanPath(targetPath, "target_path");
        frequency = Objects.requireNonNullElse(frequency, Frequency.ON_RELEASE);
        filters = Objects.requireNonNullElse(filters, new Filters(null, null));
        transforms = Objects.requireNonNullElse(transforms, new Transforms(false, null));
        validation = Objects.requireNonNullElse(validation, new Checks(true, true));
        Globs.check(source, "source");
    }

    private static void require(Object value, String key) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new IllegalArgumentException("missing required key '" + key + "'");
        }
    }

    /** {@code include} / {@code exclude} globs over source paths, applied after {@code source}. */
    public record Filters(List<String> include, List<String> exclude) {
        public Filters {
            include = include == null ? List.of() : List.copyOf(include);
            exclude = exclude == null ? List.of() : List.copyOf(exclude);
            include.forEach(g -> Globs.check(g, "filters.include"));
            exclude.forEach(g -> Globs.check(g, "filters.exclude"));
        }
    }

    /**
     * {@code strip_internal_links}: links to source files this rule does not publish become their text;
     * {@code rewrite_paths}: downstream paths under {@code from} move under {@code to}, and every link that
     * points at a published file is rewritten to where that file lands.
     */
    public record Transforms(
            @JsonProperty("strip_internal_links") Boolean stripInternalLinks,
            @JsonProperty("rewrite_paths") List<RewritePath> rewritePaths) {
        public Transforms {
            stripInternalLinks = stripInternalLinks != null && stripInternalLinks;
            rewritePaths = rewritePaths == null ? List.of() : List.copyOf(rewritePaths);
        }
    }

    /** One path rewrite: a downstream path prefix and its replacement. */
    public record RewritePath(String from, String to) {
        public RewritePath {
            require(from, "from");
            require(to, "to");
            from = Globs.cleanPath(from, "from");
            to = Globs.cleanPath(to, "to");
        }
    }

    /** The optional checks: {@code checksum} and {@code schema_check} (both on unless turned off). */
    public record Checks(Boolean checksum, @JsonProperty("schema_check") Boolean schemaCheck) {
        public Checks {
            checksum = checksum == null || checksum;
            schemaCheck = schemaCheck == null || schemaCheck;
        }
    }
}
