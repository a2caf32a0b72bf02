package io.vaultsync.distribution.publish;

import io.vaultsync.distribution.registry.Registry;
import io.vaultsync.distribution.rules.RuleSet;
import io.vaultsync.distribution.strategy.Pipeline;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A publish run: the source, its loaded rules and registry, optionally one rule and one version, dry run or
 * not, the prefix ({@code agent33}), a PR command overriding the registry's, the clock, and an extra pipeline
 * step (tests only; {@link Pipeline.Step#NONE} otherwise).
 */
public record PublishRequest(Path source, RuleSet rules, Registry registry, Optional<String> rule, Optional<String> version,
        boolean dryRun, String prefix, List<String> prCommand, Clock clock, Pipeline.Step step) {
    public PublishRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(registry, "registry");
        rule = Objects.requireNonNullElse(rule, Optional.empty());
        version = Objects.requireNonNullElse(version, Optional.empty());
        prefix = prefix == null || prefix.isBlank() ? "agent33" : prefix;
        prCommand = prCommand == null ? List.of() : List.copyOf(prCommand);
        clock = Objects.requireNonNullElse(clock, Clock.systemUTC());
        step = Objects.requireNonNullElse(step, Pipeline.Step.NONE);
    }

    /** A plain run: every due rule, newest release, for real. */
    public static PublishRequest of(Path source, RuleSet rules, Registry registry) {
        return new PublishRequest(source, rules, registry, Optional.empty(), Optional.empty(), false, "agent33", List.of(), null, null);
    }

    public PublishRequest dryRun(boolean on) {
        return new PublishRequest(source, rules, registry, rule, version, on, prefix, prCommand, clock, step);
    }

    public PublishRequest onlyRule(String id) {
        return new PublishRequest(source, rules, registry, Optional.ofNullable(id), version, dryRun, prefix, prCommand, clock, step);
    }

    public PublishRequest withStep(Pipeline.Step s) {
        return new PublishRequest(source, rules, registry, rule, version, dryRun, prefix, prCommand, clock, s);
    }
}
