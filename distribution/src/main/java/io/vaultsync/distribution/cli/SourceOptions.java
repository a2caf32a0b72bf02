package io.vaultsync.distribution.cli;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.registry.Registry;
import io.vaultsync.distribution.rules.RuleSet;
import io.vaultsync.distribution.rules.SyncRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command shares: the source repository, its rules folder and registry, the prefix. */
public final class SourceOptions {
    @Option(names = "--source", required = true, paramLabel = "DIR", description = "The source repository (its work tree).")
    Path source;

    @Option(names = "--rules", paramLabel = "DIR", description = "The rules folder (default: ${DEFAULT-VALUE} in the source).",
            defaultValue = RuleSet.DEFAULT_FOLDER)
    String rules;

    @Option(names = "--registry", paramLabel = "FILE", description = "The registry (default: ${DEFAULT-VALUE} in the source).",
            defaultValue = Registry.DEFAULT_FILE)
    String registry;

    @Option(names = "--prefix", paramLabel = "NAME", defaultValue = "agent33",
            description = "The prefix of branches, state and override folders (default: ${DEFAULT-VALUE}).")
    String prefix;

    /** The rules and the registry, both checked; every problem in one {@link DistributionException}. */
    Loaded load() {
        RuleSet set = RuleSet.load(source.resolve(rules));
        Registry reg = Registry.load(source.resolve(registry));
        List<String> errors = new ArrayList<>();
        for (SyncRule r : set.rules()) {
            if (!reg.downstreams().containsKey(r.targetRepo())) {
                errors.add("rule '" + r.id() + "': target_repo '" + r.targetRepo() + "' is not in the registry ("
                        + String.join(", ", reg.downstreams().keySet()) + ")");
            }
        }
        if (!errors.isEmpty()) {
            throw new DistributionException(String.join("\n", errors));
        }
        return new Loaded(set, reg);
    }

    record Loaded(RuleSet rules, Registry registry) {
    }
}
