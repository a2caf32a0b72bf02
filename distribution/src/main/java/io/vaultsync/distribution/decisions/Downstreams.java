package io.vaultsync.distribution.decisions;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.registry.Registry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The downstreams of the source's registry ({@link Registry}, {@code core/orchestrator/distribution/registry.yaml}),
 * each with its registry name, as drift, rollback and resolve address them.
 */
public final class Downstreams {
    private Downstreams() {}

    /** One downstream: its registry name, URL, default branch and staleness thresholds. */
    public record Downstream(String name, String url, String branch, Registry.Thresholds thresholds) {
        public Downstream {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(branch, "branch");
            thresholds = Objects.requireNonNullElse(thresholds, Registry.Thresholds.DEFAULT);
        }

        /** A downstream with the default thresholds (tests, callers without a registry). */
        public Downstream(String name, String url, String branch) {
            this(name, url, branch, Registry.Thresholds.DEFAULT);
        }
    }

    /** Every downstream of the registry, by name; a missing or broken registry is an error naming it. */
    public static Map<String, Downstream> read(Registry registry) {
        Map<String, Downstream> out = new LinkedHashMap<>();
        registry.downstreams().forEach((name, d) -> out.put(name, new Downstream(name, d.url(), d.branch(), d.thresholds())));
        return out;
    }

    /** One downstream by name; an unknown name is an error listing the known ones. */
    public static Downstream find(Registry registry, String name) {
        Map<String, Downstream> all = read(registry);
        Downstream d = all.get(name);
        if (d == null) {
            throw new DistributionException("no downstream '" + name + "' in the registry (known: "
                    + String.join(", ", all.keySet()) + ")");
        }
        return d;
    }
}
