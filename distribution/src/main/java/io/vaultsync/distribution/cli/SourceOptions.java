package io.vaultsync.distribution.cli;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.registry.Registry;
import io.vaultsync.distribution.rules.RuleSet;
import io.vaultsync.distribution.rules.SyncRule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options every command shares: the source repository, its rules folder and registry, the prefix. */
public final class SourceOptions {
    /** The source repository's work tree. */
    public Path source() {
        return source;
    }

    /** The prefix of branches, state and override folders. */
    public String prefix() {
        return prefix;
    }

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
    public Loaded load() {
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

    /** What a command does with the loaded rules and registry; it fails with a {@link DistributionException}. */
    public interface Body {
        int run(Loaded loaded, PrintWriter out);
    }

    /**
     * Loads the rules and the registry, then runs {@code body}: a bad rule or registry prints its errors and
     * exits 10, a failure of {@code body} prints its message and exits 1.
     */
    public int run(CommandSpec spec, Body body) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Loaded loaded;
        try {
            loaded = load();
        } catch (DistributionException e) {
            err.println(e.getMessage());
            return ExitCodes.BAD_CONFIG;
        }
        try {
            int code = body.run(loaded, out);
            out.flush();
            return code;
        } catch (DistributionException e) {
            err.println(e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    /** The checked rules and registry. */
    public record Loaded(RuleSet rules, Registry registry) {
    }
}
