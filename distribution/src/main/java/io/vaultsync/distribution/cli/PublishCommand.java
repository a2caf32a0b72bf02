package io.vaultsync.distribution.cli;

import io.vaultsync.distribution.DistributionException;
import io.vaultsync.distribution.publish.PublishRequest;
import io.vaultsync.distribution.publish.Publisher;
import io.vaultsync.distribution.publish.RunResult;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code distribute publish}: runs every due rule (or one) for the newest release (or one), or plans it. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Publishes the due rules to their downstreams: one validated commit on a sync branch each.")
public final class PublishCommand implements Callable<Integer> {
    @Mixin
    SourceOptions options;

    @Option(names = "--rule", paramLabel = "ID", description = "Only this rule (also runs a manual rule).")
    String rule;

    @Option(names = "--version", paramLabel = "vX.Y.Z", description = "Publish this release (default: the newest tag).")
    String version;

    @Option(names = "--dry-run", description = "Print the plan and the validation reports; change no ref anywhere.")
    boolean dryRun;

    @Option(names = "--pr-command", paramLabel = "COMMAND",
            description = "Run this after each push (words split on blanks; {title} {body_file} {branch} {base} {repo} {url} "
                    + "replaced), instead of the registry's pr_command.")
    String prCommand;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SourceOptions.Loaded loaded;
        try {
            loaded = options.load();
        } catch (DistributionException e) {
            err.println(e.getMessage());
            return ExitCodes.BAD_CONFIG;
        }
        List<String> pr = prCommand == null ? List.of() : Arrays.stream(prCommand.trim().split("\\s+")).toList();
        PublishRequest req = new PublishRequest(options.source, loaded.rules(), loaded.registry(), Optional.ofNullable(rule),
                Optional.ofNullable(version), dryRun, options.prefix, pr, null, null);
        try {
            List<RunResult> results = Publisher.publish(req);
            results.forEach(r -> Reports.print(out, r));
            if (results.isEmpty()) {
                out.println("no rule");
            }
            out.flush();
            return Reports.exitCode(results);
        } catch (DistributionException e) {
            err.println(e.getMessage());
            return e.getMessage().startsWith("no rule '") || e.getMessage().startsWith("--version") ? ExitCodes.USAGE : ExitCodes.FAILED;
        }
    }
}
