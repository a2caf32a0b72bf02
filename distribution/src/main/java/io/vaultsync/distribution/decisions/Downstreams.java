package io.vaultsync.distribution.decisions;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaultsync.config.Mappers;
import io.vaultsync.distribution.DistributionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each downstream lives, as drift, rollback and resolve need it: its git URL, default branch and
 * staleness thresholds, read from the source's {@code core/orchestrator/distribution/registry.yaml}. Only the
 * keys these commands use are read here; the registry's full, strict reading belongs to {@code registry}.
 */
public final class Downstreams {
    /** The registry file inside a source repository. */
    public static final String REGISTRY = "core/orchestrator/distribution/registry.yaml";

    private Downstreams() {}

    /** One downstream: its registry name, URL, default branch and thresholds (registry keys to numbers). */
    public record Downstream(String name, String url, String branch, Map<String, Integer> thresholds) {
        public Downstream {
            thresholds = Map.copyOf(thresholds);
        }
    }

    /** Every downstream of the registry, by name in file order; a missing or broken registry is an error naming it. */
    public static Map<String, Downstream> read(Path source) {
        Path file = source.resolve(REGISTRY);
        JsonNode root;
        try {
            root = Mappers.YAML.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new DistributionException(file + ": cannot read the registry: " + e.getMessage(), e);
        }
        JsonNode all = root == null ? null : root.get("downstreams");
        if (all == null || !all.isObject()) throw new DistributionException(file + ": no 'downstreams:' map");
        Map<String, Downstream> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode d = e.getValue();
            if (!d.hasNonNull("url")) throw new DistributionException(file + ": downstreams." + e.getKey() + ": no url");
            Map<String, Integer> thresholds = new TreeMap<>();
            JsonNode t = d.get("thresholds");
            if (t != null && t.isObject()) {
                t.fields().forEachRemaining(f -> {
                    if (!f.getValue().canConvertToInt()) {
                        throw new DistributionException(file + ": downstreams." + e.getKey() + ".thresholds." + f.getKey()
                                + ": not a whole number");
                    }
                    thresholds.put(f.getKey(), f.getValue().asInt());
                });
            }
            out.put(e.getKey(), new Downstream(e.getKey(), d.get("url").asText(),
                    d.hasNonNull("branch") ? d.get("branch").asText() : "main", thresholds));
        }
        return out;
    }

    /** One downstream by name; an unknown name is an error listing the known ones. */
    public static Downstream find(Path source, String name) {
        Map<String, Downstream> all = read(source);
        Downstream d = all.get(name);
        if (d == null) throw new DistributionException("no downstream '" + name + "' in " + REGISTRY + " (known: " + all.keySet() + ")");
        return d;
    }
}
