package io.vaultsync.distribution.drift;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaultsync.config.Mappers;
import io.vaultsync.distribution.DistributionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The {@code frequency} of each rule (rule id → on_release | on_change | manual), which sets how old a sync
 * may grow. Reads only {@code sync_rule.id} and {@code sync_rule.frequency} of the rules folder's YAML files
 * (archived rules under {@code archived/} are skipped); full rule parsing belongs to {@code rules}.
 */
public final class RuleFrequencies {
    /** The rules folder inside a source repository. */
    public static final String RULES = "core/orchestrator/distribution/rules";

    private RuleFrequencies() {}

    /** Rule id → frequency; an empty map when there is no rules folder. */
    public static Map<String, String> read(Path rulesDir) {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(rulesDir)) return out;
        List<Path> files;
        try (Stream<Path> s = Files.list(rulesDir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new DistributionException(rulesDir + ": cannot list the rules: " + e.getMessage(), e);
        }
        for (Path f : files) {
            try {
                JsonNode rule = Mappers.YAML.readTree(Files.readAllBytes(f));
                JsonNode r = rule == null ? null : rule.get("sync_rule");
                if (r != null && r.hasNonNull("id")) {
                    out.put(r.get("id").asText(), r.hasNonNull("frequency") ? r.get("frequency").asText() : "on_release");
                }
            } catch (IOException e) {
                throw new DistributionException(f + ": not a readable rule: " + e.getMessage(), e);
            }
        }
        return out;
    }
}
