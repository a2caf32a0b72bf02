package io.vaultsync.distribution.rules;

import io.vaultsync.distribution.DistributionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The rules of a source repository: every {@code *.yaml} / {@code *.yml} directly in the rules folder
 * (default {@code core/orchestrator/distribution/rules}), one {@code sync_rule:} each; {@code archived/} and
 * other subfolders are ignored. Every bad file is reported (all of them, one line each) before anything runs.
 */
public record RuleSet(List<SyncRule> rules) {
    /** The seed's rules folder, relative to the source repository. */
    public static final String DEFAULT_FOLDER = "core/orchestrator/distribution/rules";

    public RuleSet {
        rules = List.copyOf(rules);
    }

    /** Loads every rule file of {@code folder}; duplicate ids and bad files are one error listing each. */
    public static RuleSet load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DistributionException(folder + ": no rules folder (give one with --rules DIR)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new DistributionException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        List<String> errors = new ArrayList<>();
        List<SyncRule> rules = new ArrayList<>();
        Map<String, Path> ids = new HashMap<>();
        for (Path file : files) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                SyncRule rule = YamlInput.read(file.toString(), text, RuleFile.class).syncRule();
                Path earlier = ids.putIfAbsent(rule.id(), file);
                if (earlier != null) {
                    errors.add(file + ": rule id '" + rule.id() + "' is also the id of " + earlier.getFileName());
                } else {
                    rules.add(rule);
                }
            } catch (DistributionException e) {
                errors.add(e.getMessage());
            } catch (IOException e) {
                errors.add(file + ": cannot read: " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new DistributionException(String.join("\n", errors));
        }
        return new RuleSet(rules);
    }

    /** The rule of that id. */
    public Optional<SyncRule> find(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
